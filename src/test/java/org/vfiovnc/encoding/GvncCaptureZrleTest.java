package org.vfiovnc.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiovnc.rfb.ClientSession;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;

/** gtk-vnc's gvnccapture offers ZRLE first: its screenshot must equal the server's framebuffer exactly. */
class GvncCaptureZrleTest {

    @Test
    void zrleScreenshotIsExact() throws Exception {
        String gvnccapture = Tools.require("gvnccapture", "gvncviewer");
        try (LogCapture log = LogCapture.of(ClientSession.class);
             VncServer server = TestServer.start(SourceCatalog.create("demo:517x301:paused"))) {
            Path png = Files.createTempDirectory("gvnc").resolve("shot.png");
            Tools.Result r = Tools.run(List.of(gvnccapture, "-d", "127.0.0.1:" + (server.port() - 5900), png.toString()),
                    Map.of(), 30);
            assertEquals(0, r.exitCode(), Tools.tail(r.output()));
            assertTrue(Files.size(png) > 0);
            int[] got = Pixels.read(png);
            assertNull(Pixels.compare(TestServer.snapshot(server), got, 517, 0));
            assertTrue(log.contains("pixel encoding ZRLE"), "gvnccapture should have been served ZRLE: " + log.messages());
        }
    }
}
