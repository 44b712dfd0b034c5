package org.vfiovnc.viewers;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfiovnc.rfb.ClientSession;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.TestPatterns;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.TigerViewer;

/**
 * TigerVNC's vncviewer under Xvfb. It shows a raw framebuffer exactly in full colour, and exactly as
 * quantised in each of its low-colour pixel formats (8 bpp bgr111, bgr222, bgr233), and follows a
 * change. Forced to Tight or ZRLE, its window shows the surface exactly, it negotiates Fence and
 * ContinuousUpdates, and it follows a source that keeps changing (updates arrive without requests
 * through continuous updates).
 */
// Each case starts Xvfb and vncviewer: seconds; the limit leaves room for a loaded machine and the
// cases' own waits (40 s per picture, 30 s per frame of the six).
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TigerVncViewerTest {
    private static final int W = 320;
    private static final int H = 200;

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Tight", "ZRLE"})
    void showsTheSurfaceExactlyAndKeepsUp(String encoding) throws Exception {
        Path raw = Files.createFile(dir.resolve("surface.xr24"));
        writeFrame(raw, 0);
        try (LogCapture log = LogCapture.of(ClientSession.class);
             VncServer server = TestServer.start(SourceCatalog.create("raw:" + raw + ":" + W + "x" + H + ":XR24"))) {
            try (TigerViewer viewer = TigerViewer.start(server.port(), "-AutoSelect=0", "-FullColor=1",
                    "-PreferredEncoding=" + encoding)) {
                for (int frame = 0; frame < 6; frame++) {
                    if (frame > 0) {
                        writeFrame(raw, frame);
                    }
                    waitForExactSurface(viewer, server, frame);
                }
            }
            assertTrue(log.contains("pixel encoding " + encoding), "viewer should have chosen " + encoding + ": " + log.messages());
            assertTrue(log.contains("Fence") && log.contains("ContinuousUpdates"), "extensions: " + log.messages());
            assertTrue(log.contains("continuous updates enabled"), "continuous updates: " + log.messages());
            assertTrue(log.contains("fence reply"), "fence round trip: " + log.messages());
        }
    }

    /** A frame with flat areas, text-like 2-colour stripes and a gradient, shifted by {@code n}. */
    static void writeFrame(Path raw, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(W * H * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int rgb;
                if (y < 40) {
                    rgb = 0x204060 + n * 0x100000;
                } else if (y < 100) {
                    rgb = ((x + n * 3) / 3 + y / 2) % 2 == 0 ? 0xffffff : 0x101010;
                } else {
                    rgb = ((x * 255 / W + n * 20) & 0xff) << 16 | (y * 2 & 0xff) << 8 | ((x + y + n) & 0xff);
                }
                b.putInt(rgb);
            }
        }
        b.flip();
        try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.WRITE)) {
            ch.write(b, 0);
        }
    }

    private static void waitForExactSurface(TigerViewer viewer, VncServer server, int frame) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String last = "no capture yet";
        while (System.nanoTime() < deadline) {
            viewer.assertRunning();
            int[] want = TestServer.snapshot(server);
            if (want[0] == expectedTopLeft(frame)) {
                int[] screen = capture(viewer);
                if (screen != null) {
                    if (findExact(screen, TigerViewer.SCREEN_WIDTH, TigerViewer.SCREEN_HEIGHT, want)) {
                        return;
                    }
                    last = "surface not found in the screen capture";
                }
            } else {
                last = "server has not seen frame " + frame + " yet";
            }
            Thread.sleep(200);
        }
        fail("frame " + frame + ": the viewer's window never showed the surface exactly (" + last + ")");
    }

    /** The viewer's screen, or null when this capture failed (the next try takes another). */
    private static int[] capture(TigerViewer viewer) throws InterruptedException {
        try {
            return viewer.screen();
        } catch (IOException e) {
            return null;
        }
    }

    private static int expectedTopLeft(int n) {
        return 0x204060 + n * 0x100000;
    }

    /** Whether {@code want} (W x H) appears pixel-exact somewhere in the screen image. */
    static boolean findExact(int[] screen, int sw, int sh, int[] want) {
        for (int y0 = 0; y0 + H <= sh; y0++) {
            for (int x0 = 0; x0 + W <= sw; x0++) {
                if (screen[y0 * sw + x0] != want[0] || screen[y0 * sw + x0 + W - 1] != want[W - 1]) {
                    continue;
                }
                boolean all = true;
                for (int y = 0; y < H && all; y++) {
                    for (int xx = 0; xx < W; xx++) {
                        if (screen[(y0 + y) * sw + x0 + xx] != want[y * W + xx]) {
                            all = false;
                            break;
                        }
                    }
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }
}
