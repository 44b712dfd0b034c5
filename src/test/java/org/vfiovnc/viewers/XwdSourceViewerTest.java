package org.vfiovnc.viewers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.TigerViewer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.testing.Vernacular;
import org.vfiovnc.testing.Xvfb;

/**
 * The live screen file of a real Xvfb, with real X programs drawing on it, served to three real
 * viewers; the expected picture is what the X server itself reports (ImageMagick's import).
 */
class XwdSourceViewerTest {
    @TempDir
    Path dir;

    private int[] xScreen(Xvfb x) throws Exception {
        Path png = dir.resolve("x-" + System.nanoTime() + ".png");
        Tools.Result r = Tools.run(List.of(Tools.require("import", "imagemagick"), "-window", "root", "-display",
                x.displayName(), png.toString()), Map.of(), 30);
        assertEquals(0, r.exitCode(), r.output());
        return Pixels.read(png);
    }

    private void x(Xvfb x, String... cmd) throws Exception {
        Tools.Result r = Tools.run(List.of(cmd), Map.of("DISPLAY", x.displayName()), 30);
        assertEquals(0, r.exitCode(), String.join(" ", cmd) + ": " + r.output());
    }

    // Xvfb, xlogo, gvnccapture and vncviewer under a second Xvfb: about 5 s; the limit leaves room
    // for a loaded machine and the test's own waits (60 s capture, 40 s per viewer picture).
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void liveXvfbScreenReachesViewers() throws Exception {
        Tools.require("xsetroot", "x11-xserver-utils");
        try (Xvfb x = Xvfb.start("480x360x24", true)) {
            x(x, "xsetroot", "-solid", "#336699");
            ProcessBuilder logo = new ProcessBuilder(Tools.require("xlogo", "x11-apps"), "-geometry", "160x120+40+30")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("xlogo.log").toFile());
            logo.environment().put("DISPLAY", x.displayName());
            Process p = logo.start();
            try (VncServer server = TestServer.start(SourceCatalog.create("xwd:" + x.screenFile()))) {
                // xlogo maps its window asynchronously: wait until the server shows what X shows.
                int[] expected = null;
                for (int i = 0; i < 100; i++) {
                    expected = xScreen(x);
                    if (Pixels.compare(expected, TestServer.snapshot(server), 480, 0) == null && expected[50 * 480 + 60] != 0x336699) {
                        break;
                    }
                    Thread.sleep(100);
                }
                int[] shown = expected;
                try (Vernacular v = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> c.setEnableHextileEncoding(true))) {
                    v.awaitImage(() -> shown, 480, 0, 20);

                    Path png = dir.resolve("gvnc.png");
                    Tools.Result r = Tools.run(List.of(Tools.require("gvnccapture", "gvncviewer"),
                            "127.0.0.1:" + (server.port() - 5900), png.toString()), Map.of(), 60);
                    assertEquals(0, r.exitCode(), r.output());
                    assertNull(Pixels.compare(shown, Pixels.read(png), 480, 0), "gvnccapture screenshot");
                }
                // gvnccapture asked for exclusive access, which disconnected vernacular: reconnect and follow a change.
                try (Vernacular v = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> { });
                     TigerViewer tiger = TigerViewer.start(server.port(), "-AutoSelect=0", "-FullColor=1", "-PreferredEncoding=Hextile")) {
                    v.awaitImage(() -> shown, 480, 0, 20);
                    assertNotNull(tiger.awaitShown(() -> shown, 480, 360, 0, 40));
                    x(x, "xsetroot", "-solid", "#993311");
                    int[] changed = xScreen(x);
                    v.awaitImage(() -> changed, 480, 0, 20);
                    assertNotNull(tiger.awaitShown(() -> changed, 480, 360, 0, 40));
                }
            } finally {
                p.destroy();
            }
        }
    }

    @Test
    void notAnXwdFileIsAClearError() throws Exception {
        Path f = dir.resolve("bogus");
        Files.write(f, new byte[200]);
        var src = SourceCatalog.create("xwd:" + f);
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, src::open);
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("not an XWD file"), e.getMessage());
    }
}
