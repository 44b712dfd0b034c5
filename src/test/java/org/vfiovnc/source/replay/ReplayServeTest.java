package org.vfiovnc.source.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;

/** A served replay of real desktop content reaches a real viewer exactly. */
class ReplayServeTest {
    @TempDir
    Path tmp;

    @Test
    void gvnccaptureSeesTheLastRecordedFrame() throws Exception {
        String gvnccapture = Tools.require("gvnccapture", "gvncviewer");
        Path rec = Tools.projectDir().resolve("testdata/xterm-scroll.fbrec.zst");
        int[] last;
        int width;
        try (RecordingReader r = new RecordingReader(rec)) {
            while (r.next() != RecordingReader.Step.END) {
                // read to the end
            }
            last = r.pixels().clone();
            width = r.width();
        }
        try (VncServer server = TestServer.start(new ReplaySource(rec, true, false))) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (server.loop().current() != null && Pixels.compare(last, TestServer.snapshot(server), width, 0) == null) {
                    break;
                }
                Thread.sleep(50);
            }
            assertNull(Pixels.compare(last, TestServer.snapshot(server), width, 0), "server never reached the last frame");
            Path png = tmp.resolve("viewer.png");
            Tools.Result r = Tools.run(60, gvnccapture, "-d", "127.0.0.1:" + (server.port() - 5900), png.toString());
            assertEquals(0, r.exitCode(), r.output());
            assertNull(Pixels.compare(last, Pixels.read(png), width, 0), "viewer vs recording");
        }
    }
}
