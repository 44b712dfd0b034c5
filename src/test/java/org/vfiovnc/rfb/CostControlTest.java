package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vfiovnc.source.SourceFactory;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.TestServer;

/**
 * A viewer that asks for updates but never reads: the server stops producing for it once its
 * unsent output passes the bound, then disconnects it with a reason; other viewers are unaffected.
 */
class CostControlTest {

    @Test
    void viewerThatStopsReadingIsThrottledThenDisconnected() throws Exception {
        System.setProperty("vfiovnc.clientStallMs", "2000");
        try (LogCapture log = LogCapture.of(ClientSession.class);
             VncServer server = TestServer.start(SourceFactory.create("demo:1024x768"));
             RawRfbClient stuck = new RawRfbClient(server.port(), 4096);
             RawRfbClient fine = new RawRfbClient(server.port(), 0)) {
            stuck.setEncodings(0);
            fine.setEncodings(0);
            long deadline = System.nanoTime() + 30_000_000_000L;
            int fineUpdates = 0;
            while (System.nanoTime() < deadline && !log.contains("not reading")) {
                stuck.requestUpdate(false);
                fine.requestUpdate(true);
                RawRfbClient.Message m = fine.readUntil(x -> x.type() == 0, 5);
                fineUpdates += m.type() == 0 ? 1 : 0;
            }
            assertTrue(log.contains("not reading"), "the stuck viewer should be disconnected: " + log.messages());
            assertTrue(log.contains("holding updates"), "the server should have held updates first: " + log.messages());
            assertTrue(fineUpdates > 0);
            // The reading viewer keeps working after the other one is gone.
            fine.requestUpdate(false);
            assertEquals(0, fine.readUntil(x -> x.type() == 0, 5).type());
        } finally {
            System.clearProperty("vfiovnc.clientStallMs");
        }
    }
}
