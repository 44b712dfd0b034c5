package org.vfiovnc.viewers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.TestPatterns;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;

/** gtk-vnc's gvnccapture (a real viewer, exclusive ClientInit) takes screenshots equal to the surface. */
class GvncCaptureTest {
    @TempDir
    Path dir;

    private int[] capture(VncServer server) throws Exception {
        String gvnccapture = Tools.require("gvnccapture", "gvncviewer");
        Path png = dir.resolve("shot-" + System.nanoTime() + ".png");
        // gvnccapture's display number is the port minus 5900 (negative is allowed).
        String display = "127.0.0.1:" + (server.port() - 5900);
        Tools.Result r = Tools.run(List.of(gvnccapture, display, png.toString()), Map.of(), 60);
        assertEquals(0, r.exitCode(), "gvnccapture failed:\n" + Tools.tail(r.output()));
        return Pixels.read(png);
    }

    @Test
    void demoScreenshotEqualsSurface() throws Exception {
        try (VncServer server = TestServer.start(SourceCatalog.create("demo:640x480:paused"))) {
            int[] shot = capture(server);
            assertNull(Pixels.compare(TestServer.snapshot(server), shot, 640, 0));
        }
    }

    @Test
    void rawScreenshotEqualsSurfaceForEveryLayout() throws Exception {
        for (PixelLayout layout : new PixelLayout[] {PixelLayout.XR24, PixelLayout.XB24, PixelLayout.AB24, PixelLayout.RG16}) {
            Path file = dir.resolve("fb-" + layout + ".raw");
            int w = 300;
            int h = 200;
            int stride = w * layout.bytesPerPixel() + 32;
            int[] expected;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                expected = TestPatterns.write(ch, w, h, stride, 0, layout, 5);
            }
            String spec = "raw:" + file + ":" + w + "x" + h + ":" + layout.fourccName() + ":stride=" + stride;
            try (VncServer server = TestServer.start(SourceCatalog.create(spec))) {
                assertNull(Pixels.compare(expected, capture(server), w, 0), layout + " screenshot");
            }
        }
    }
}
