package org.vfiovnc.viewers;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.testing.TestPatterns;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.TigerViewer;

/**
 * TigerVNC's viewer shows a raw framebuffer exactly in full colour, and exactly as quantised in
 * each of its low-colour pixel formats (8 bpp bgr111, bgr222, bgr233), and follows a change.
 */
class TigerVncViewerTest {
    @TempDir
    Path dir;

    /** What an 8-bit-per-channel value becomes after our scaling to {@code max} and the viewer's scaling back. */
    static int quantise(int c, int max) {
        int q = (c * max + 127) / 255;
        return (q * 255 + max / 2) / max;
    }

    static int[] quantised(int[] rgb, int rMax, int gMax, int bMax) {
        int[] out = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            out[i] = quantise(p >> 16 & 0xff, rMax) << 16 | quantise(p >> 8 & 0xff, gMax) << 8 | quantise(p & 0xff, bMax);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"full,Hextile", "full,Raw", "0,Hextile", "1,Hextile", "2,Raw"})
    void viewerShowsSurface(String colour, String encoding) throws Exception {
        int w = 320;
        int h = 200;
        Path file = dir.resolve("fb.raw");
        int[][] expected = new int[1][];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            expected[0] = TestPatterns.write(ch, w, h, w * 4, 0, PixelLayout.XR24, 1);
            String[] params;
            int[] max;
            switch (colour) {
                case "0": max = new int[] {1, 1, 1}; break;
                case "1": max = new int[] {3, 3, 3}; break;
                case "2": max = new int[] {7, 7, 3}; break;
                default: max = null;
            }
            if (max == null) {
                params = new String[] {"-AutoSelect=0", "-FullColor=1", "-PreferredEncoding=" + encoding};
            } else {
                params = new String[] {"-AutoSelect=0", "-FullColor=0", "-LowColorLevel=" + colour, "-PreferredEncoding=" + encoding};
            }
            int[] m = max;
            try (VncServer server = TestServer.start(SourceCatalog.create("raw:" + file + ":" + w + "x" + h + ":XR24"));
                 TigerViewer viewer = TigerViewer.start(server.port(), params)) {
                int tolerance = m == null ? 0 : 2;
                assertNotNull(viewer.awaitShown(() -> m == null ? expected[0] : quantised(expected[0], m[0], m[1], m[2]), w, h, tolerance, 40));
                expected[0] = TestPatterns.write(ch, w, h, w * 4, 0, PixelLayout.XR24, 99);
                assertNotNull(viewer.awaitShown(() -> m == null ? expected[0] : quantised(expected[0], m[0], m[1], m[2]), w, h, tolerance, 40));
            }
        }
    }
}
