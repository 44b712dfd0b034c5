package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;

/** The server's side of the protocol extensions, byte by byte. */
class ExtensionsProtocolTest {
    static final int FENCE = -312;
    static final int CU = -313;

    /** Records key events (the real interface; the guest end is what is being observed). */
    static final class RecordingInput implements InputSink {
        final List<String> keys = new CopyOnWriteArrayList<>();

        @Override
        public void key(boolean down, int keysym, int scancode) {
            keys.add(down + ":" + Integer.toHexString(keysym) + ":" + Integer.toHexString(scancode));
        }

        @Override
        public void pointer(int x, int y, int buttonMask, int width, int height) {}

        @Override
        public int ledState() {
            return 4; // caps lock
        }
    }

    @Test
    void announcementsAcknowledgementsAndReplies() throws Exception {
        RecordingInput input = new RecordingInput();
        try (VncServer server = TestServer.start(SourceCatalog.create("demo:200x100:paused"), List.of(new NoneSecurity()), input);
             RawRfbClient c = RawRfbClient.connect(server.port()).handshakeNone()) {
            c.setEncodings(0, FENCE, CU, -308, -258, -257, -261, -314, -239, -316, -224);
            // First sight of ContinuousUpdates and Fence: EndOfContinuousUpdates and a ServerFence request.
            assertEquals(150, c.read().type());
            RawRfbClient.Message fence = c.read();
            assertEquals(248, fence.type());
            assertTrue(fence.fenceFlags() < 0, "server fence has the request bit");

            c.requestUpdate(false);
            RawRfbClient.Message u = c.readUntil(m -> m.type() == 0, 5);
            List<Integer> encodings = u.rects().stream().map(RawRfbClient.RectInfo::encoding).collect(Collectors.toList());
            for (int e : new int[] {-308, -258, -257, -261, -314, -316, 0}) {
                assertTrue(encodings.contains(e), "update should carry " + e + ": " + encodings);
            }
            assertTrue(!encodings.contains(-239), "CursorWithAlpha is preferred over Cursor");
            RawRfbClient.RectInfo pointer = u.rects().get(encodings.indexOf(-257));
            assertEquals(1, pointer.x(), "absolute pointer mode");
            assertEquals(4, u.rects().get(encodings.indexOf(-261)).body()[0], "LED state (caps lock)");
            assertArrayEquals(new byte[4], u.rects().get(encodings.indexOf(-314)).body(), "cursor pixels in Raw");

            // SetDesktopSize: the guest decides the size, so the answer is reason 1 (client), status 1 (prohibited).
            c.setDesktopSize(640, 480);
            c.requestUpdate(true);
            RawRfbClient.Message reply = c.readUntil(m -> m.type() == 0 && m.rects().stream().anyMatch(r -> r.encoding() == -308), 5);
            RawRfbClient.RectInfo eds = reply.rects().stream().filter(r -> r.encoding() == -308).findFirst().orElseThrow();
            assertEquals(1, eds.x());
            assertEquals(1, eds.y());
            assertEquals(200, eds.w());

            // A client fence is answered with the request bit cleared and the payload echoed.
            c.fence(0x80000000 | 1 | 2, new byte[] {7, 8, 9});
            RawRfbClient.Message answer = c.readUntil(m -> m.type() == 248, 5);
            assertEquals(3, answer.fenceFlags());
            assertArrayEquals(new byte[] {7, 8, 9}, answer.payload());
            // Unsupported flag bits are dropped from the answer.
            c.fence(0x80000000 | 0x40 | 4, new byte[0]);
            assertEquals(4, c.readUntil(m -> m.type() == 248, 5).fenceFlags());

            // QEMU extended key events reach the input sink with their scancode.
            c.qemuKey(true, 0x61, 0x1e);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (input.keys.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of("true:61:1e"), input.keys);

            // Disabling continuous updates is confirmed with EndOfContinuousUpdates.
            c.enableContinuousUpdates(true);
            c.enableContinuousUpdates(false);
            assertEquals(150, c.readUntil(m -> m.type() == 150, 5).type());
        }
    }

    @Test
    void continuousUpdatesFlowWithoutRequests() throws Exception {
        try (VncServer server = TestServer.start(SourceCatalog.create("demo:160x120"));
             RawRfbClient c = RawRfbClient.connect(server.port()).handshakeNone()) {
            c.setEncodings(0, CU);
            assertEquals(150, c.read().type());
            c.requestUpdate(false);
            c.readUntil(m -> m.type() == 0, 3);
            c.enableContinuousUpdates(true);
            // The demo animates: several updates must arrive with no further request.
            for (int i = 0; i < 3; i++) {
                c.readUntil(m -> m.type() == 0 && !m.rects().isEmpty(), 5);
            }
        }
    }

    @Test
    void extensionMessagesWithoutNegotiationCloseOnlyThatClient() throws Exception {
        try (VncServer server = TestServer.start(SourceCatalog.create("demo:160x120:paused"));
             RawRfbClient bad = RawRfbClient.connect(server.port()).handshakeNone();
             RawRfbClient good = RawRfbClient.connect(server.port()).handshakeNone()) {
            bad.setEncodings(0);
            bad.fence(0x80000000, new byte[0]);
            assertEquals(-1, bad.in.read(), "the server should close the client that sent an un-negotiated fence");
            good.setEncodings(0);
            good.requestUpdate(false);
            assertEquals(0, good.read().type());
        }
    }
}
