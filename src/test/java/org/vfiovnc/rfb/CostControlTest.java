package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;

/**
 * A viewer that asks for updates but never reads: once its socket is full the write to it blocks,
 * the server holds its updates (and says so), then disconnects it after the stall timeout with a
 * reason; a viewer that reads gets updates throughout and after.
 */
class CostControlTest {

    private static VncServer serverWithStallTimeout(String source, long stallMs) throws Exception {
        RfbConfig config = RfbConfig.defaults(List.of(new NoneSecurity()))
                .withLimits(new RfbLimits(16, 60_000, 0, 64 * 1024, stallMs));
        return TestServer.start(SourceCatalog.create(source), config, NoInputSink.INSTANCE);
    }

    @Test
    void viewerThatStopsReadingIsThrottledThenDisconnected() throws Exception {
        try (LogCapture log = LogCapture.of(ClientSession.class);
             VncServer server = serverWithStallTimeout("demo:1024x768", 2000);
             RawRfbClient stuck = RawRfbClient.connectWithReceiveBuffer(server.port(), 4096).handshakeNone();
             RawRfbClient fine = RawRfbClient.connect(server.port()).handshakeNone()) {
            stuck.setEncodings(0);
            fine.setEncodings(0);
            long deadline = System.nanoTime() + 30_000_000_000L;
            int fineUpdates = 0;
            int fineWhileHeld = 0;
            while (System.nanoTime() < deadline && !log.contains("not reading")) {
                stuck.requestUpdate(false);
                fine.requestUpdate(true);
                RawRfbClient.Message m = fine.readUntil(x -> x.type() == 0, 5);
                fineUpdates += m.type() == 0 ? 1 : 0;
                fineWhileHeld += m.type() == 0 && log.contains("holding updates") ? 1 : 0;
            }
            assertTrue(log.contains("not reading"), "the stuck viewer should be disconnected: " + log.messages());
            assertTrue(log.contains("holding updates"), "the server should have held updates first: " + log.messages());
            assertTrue(fineUpdates > 0);
            assertTrue(fineWhileHeld > 0, "the reading viewer is served while the other one is held");
            // The reading viewer keeps working after the other one is gone.
            fine.requestUpdate(false);
            assertEquals(0, fine.readUntil(x -> x.type() == 0, 5).type());
        }
    }

    /**
     * A viewer on a slow link takes a full raw 2160p update (33 MB) at a few MB/s, longer than
     * the stall timeout: it is reading, so it stays connected. (The kernel wakes a blocked writer
     * only once a good part of the socket's send buffer, up to a few MB, is free: the timeout must
     * be longer than that takes, which 30 s by default is for any link above about 150 KB/s.)
     */
    @Test
    void viewerThatReadsSlowlyIsNotTakenForOneThatStopped() throws Exception {
        try (LogCapture log = LogCapture.of(ClientSession.class);
             VncServer server = serverWithStallTimeout("demo:3840x2160", 2500);
             RawRfbClient slow = RawRfbClient.connectWithReceiveBuffer(server.port(), 16 * 1024).handshakeNone()) {
            slow.setEncodings(0);
            slow.requestUpdate(false);
            byte[] piece = new byte[64 * 1024];
            long taken = 0;
            // At most 64 KB per 10 ms: 6.4 MB/s, so 4 s cannot take the whole update.
            long end = System.nanoTime() + 4_000_000_000L;
            while (System.nanoTime() < end) {
                taken += slow.in.readNBytes(piece, 0, piece.length);
                Thread.sleep(10);
            }
            assertTrue(taken > 4 << 20, "the slow viewer got " + taken + " bytes");
            assertTrue(taken < 3840 * 2160 * 4, "the update should still be arriving, got all " + taken + " bytes");
            assertTrue(!log.contains("not reading"), "a viewer that reads slowly was disconnected: " + log.messages());
        }
    }

    /**
     * Three Zlib viewers with the same settings share their updates; one stops reading. Its write
     * blocks, and the other two go on getting updates, still shared between them, until the server
     * disconnects it: a viewer that shared with others does not hold them up.
     */
    @Test
    void viewerThatStopsReadingHoldsUpNoneOfThoseItSharedWith() throws Exception {
        try (LogCapture log = LogCapture.of(ClientSession.class);
             VncServer server = serverWithStallTimeout("demo:1024x768", 2000);
             RawRfbClient stuck = RawRfbClient.connectWithReceiveBuffer(server.port(), 4096).handshakeNone();
             RawRfbClient a = RawRfbClient.connect(server.port()).handshakeNone();
             RawRfbClient b = RawRfbClient.connect(server.port()).handshakeNone()) {
            for (RawRfbClient c : List.of(stuck, a, b)) {
                c.setEncodings(Encodings.ZLIB);
                c.requestUpdate(false);
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            int whileHeld = 0;
            long copiedWhenHeld = -1;
            while (System.nanoTime() < deadline && !log.contains("not reading")) {
                // Both ask at once, so that they take the same damage and can share its encoding.
                stuck.requestUpdate(true);
                a.requestUpdate(true);
                b.requestUpdate(true);
                for (RawRfbClient c : List.of(a, b)) {
                    RawRfbClient.Message m = c.readUntil(x -> x.type() == 0, 5);
                    if (m.type() == 0 && log.contains("holding updates")) {
                        whileHeld++;
                        if (copiedWhenHeld < 0) {
                            copiedWhenHeld = server.rfb().stats().copiedUpdates();
                        }
                    }
                }
            }
            assertTrue(log.contains("holding updates") && log.contains("not reading"),
                    "the stuck viewer should be held, then disconnected: " + log.messages());
            assertTrue(whileHeld > 0, "the reading viewers are served while the other one is held");
            assertTrue(server.rfb().stats().copiedUpdates() > copiedWhenHeld,
                    "the reading viewers shared updates while the other one was held");
        }
    }
}
