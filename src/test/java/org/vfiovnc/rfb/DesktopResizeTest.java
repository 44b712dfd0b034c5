package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.surface.SizeRequest;
import org.vfiovnc.testing.ControlledSource;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;

/**
 * SetDesktopSize byte by byte: the source is asked, and the answer (ExtendedDesktopSize, x = reason,
 * y = status) says what became of it. A guest that follows answers with its new size (reason 1,
 * status 0) while other viewers see a plain change (reason 0); one that does not is answered
 * "forwarded" (4) after {@link PendingResize#ANSWER_WITHIN_MS}; refusals keep the size.
 */
class DesktopResizeTest {
    private static final int EDS = -308;

    /** A viewer of Raw with ExtendedDesktopSize that has had its first update. */
    private static RawRfbClient viewer(VncServer server) throws Exception {
        // Reads wait longer than the server's wait for a guest (an answer may take that long).
        RawRfbClient c = RawRfbClient.connect(null, server.port(), (int) PendingResize.ANSWER_WITHIN_MS + 10_000).handshakeNone();
        c.setEncodings(0, EDS);
        c.requestUpdate(false);
        RawRfbClient.Message first = c.readUntil(m -> m.type() == 0 && size(m) != null, 5);
        assertEquals(0, size(first).x(), "the first ExtendedDesktopSize announces the size (reason 0)");
        return c;
    }

    private static RawRfbClient.RectInfo size(RawRfbClient.Message m) {
        return RawRfbClient.desktopSize(m);
    }

    private static RawRfbClient.RectInfo nextSize(RawRfbClient c) throws Exception {
        return c.nextDesktopSize(100);
    }

    private static void assertSize(RawRfbClient.RectInfo r, int reason, int status, int w, int h) {
        assertEquals(List.of(reason, status, w, h), List.of(r.x(), r.y(), r.w(), r.h()),
                "ExtendedDesktopSize reason, status, width, height");
        // One screen, covering the whole size.
        assertEquals(1, r.body()[0]);
        assertEquals(w, (r.body()[12] & 0xff) << 8 | (r.body()[13] & 0xff));
    }

    @Test
    void aGuestThatFollowsAnswersWithItsNewSizeAndOthersSeeAPlainChange() throws Exception {
        ControlledSource src = new ControlledSource(200, 150, 1);
        src.answerSizeRequests(SizeRequest.ACCEPTED, 2);
        try (VncServer server = TestServer.start(src);
             RawRfbClient asker = viewer(server);
             RawRfbClient other = viewer(server)) {
            asker.setDesktopSize(320, 240);
            assertSize(nextSize(asker), 1, 0, 320, 240);
            assertSize(nextSize(other), 0, 0, 320, 240);
            assertEquals(List.of("320x240"), src.sizeRequests);
            // Asking for the size it has is confirmed without asking the source.
            asker.setDesktopSize(320, 240);
            assertSize(nextSize(asker), 1, 0, 320, 240);
            assertEquals(1, src.sizeRequests.size());
        }
    }

    @Test
    void aGuestThatTakesAnotherSizeAnswersWithThatOne() throws Exception {
        ControlledSource src = new ControlledSource(200, 150, 1);
        src.answerSizeRequests(SizeRequest.ACCEPTED, -1);
        try (VncServer server = TestServer.start(src);
             RawRfbClient asker = viewer(server)) {
            asker.setDesktopSize(321, 241);
            Thread.sleep(200);
            src.show(320, 240, 3); // a guest rounds to what its modes allow
            assertSize(nextSize(asker), 1, 0, 320, 240);
        }
    }

    @Test
    void aGuestThatDoesNotFollowIsAnsweredForwardedInTime() throws Exception {
        ControlledSource src = new ControlledSource(200, 150, 1);
        src.answerSizeRequests(SizeRequest.ACCEPTED, -1);
        try (VncServer server = TestServer.start(src);
             RawRfbClient asker = viewer(server)) {
            long t0 = System.nanoTime();
            asker.setDesktopSize(640, 480);
            assertSize(nextSize(asker), 1, 4, 200, 150);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= PendingResize.ANSWER_WITHIN_MS - 50 && ms < PendingResize.ANSWER_WITHIN_MS + 2500,
                    "answered after " + ms + " ms");
            // The change may still come: then it is a plain one.
            src.show(640, 480, 4);
            assertSize(nextSize(asker), 0, 0, 640, 480);
        }
    }

    @Test
    void aSecondRequestBeforeTheGuestFollowedAnswersTheFirstAsForwarded() throws Exception {
        ControlledSource src = new ControlledSource(200, 150, 1);
        src.answerSizeRequests(SizeRequest.ACCEPTED, -1);
        try (VncServer server = TestServer.start(src);
             RawRfbClient asker = viewer(server)) {
            asker.setDesktopSize(640, 480);
            asker.setDesktopSize(800, 600);
            assertSize(nextSize(asker), 1, 4, 200, 150);
            src.show(800, 600, 5);
            assertSize(nextSize(asker), 1, 0, 800, 600);
            assertEquals(List.of("640x480", "800x600"), src.sizeRequests);
        }
    }

    @Test
    void refusalsKeepTheSizeWithTheirStatus() throws Exception {
        ControlledSource src = new ControlledSource(200, 150, 1);
        try (VncServer server = TestServer.start(src);
             RawRfbClient c = viewer(server)) {
            c.setDesktopSize(640, 480); // by default a source's size is the guest's own
            assertSize(nextSize(c), 1, 1, 200, 150);
            src.answerSizeRequests(SizeRequest.UNAVAILABLE, -1);
            c.setDesktopSize(640, 480);
            assertSize(nextSize(c), 1, 2, 200, 150);
            src.answerSizeRequests(SizeRequest.INVALID, -1);
            c.setDesktopSize(640, 480);
            assertSize(nextSize(c), 1, 3, 200, 150);
            assertEquals(3, src.sizeRequests.size());
            // Layouts that cannot be are refused here, without asking the source.
            src.answerSizeRequests(SizeRequest.ACCEPTED, 2);
            c.setDesktopSize(0, 0);
            assertSize(nextSize(c), 1, 3, 200, 150);
            c.setDesktopSize(ResizeRequests.MAX_SIDE + 1, 100);
            assertSize(nextSize(c), 1, 3, 200, 150);
            assertEquals(3, src.sizeRequests.size());
        }
    }

    @Test
    void aViewOnlyViewerMayNotResize() throws Exception {
        ControlledSource src = new ControlledSource(200, 150, 1);
        src.answerSizeRequests(SizeRequest.ACCEPTED, 2);
        RfbConfig viewOnly = new RfbConfig("vfio-vnc", List.of(new NoneSecurity()), SharePolicy.DISCONNECT_OTHERS, true,
                1 << 20, 10_000, 32);
        try (VncServer server = TestServer.start(src, viewOnly, NoInputSink.INSTANCE);
             RawRfbClient c = viewer(server)) {
            c.setDesktopSize(640, 480);
            assertSize(nextSize(c), 1, 1, 200, 150);
            assertTrue(src.sizeRequests.isEmpty());
        }
    }

    @Test
    void validLayouts() {
        List<ClientMessageHandler.Screen> one = List.of(new ClientMessageHandler.Screen(0, 0, 0, 800, 600, 0));
        assertTrue(ResizeRequests.validLayout(800, 600, one));
        assertTrue(!ResizeRequests.validLayout(700, 600, one), "screen outside the area");
        assertTrue(!ResizeRequests.validLayout(800, 600, List.of()), "no screen");
        assertTrue(!ResizeRequests.validLayout(800, 0, one), "no height");
    }
}
