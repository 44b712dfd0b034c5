package org.vfiovnc.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.FaultySource.Mode;
import org.vfiovnc.testing.FaultySource;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.WatchingViewer;
import org.vfiovnc.transport.ListenAddress;

/**
 * A source that throws, hangs, flaps between modes, shows nothing or vanishes: the server keeps
 * running, a real viewer stays connected, sees the notice and then the picture again, the source is
 * reopened with backoff and each fault is logged once however many ticks it lasts.
 */
class RefreshLoopFaultTest {
    private static final int W = 240;
    private static final int H = 160;

    private LogCapture log;
    private FaultySource source;
    private VncServer server;
    private WatchingViewer viewer;

    @BeforeEach
    void start() throws Exception {
        log = new LogCapture();
        source = new FaultySource(W, H);
        RefreshLoop loop = new RefreshLoop(source, new RefreshLoop.Pacing(10, 20, 50, 1000), 300);
        server = VncServer.start(loop, RfbConfig.defaults(List.of(new NoneSecurity())), NoInputSink.INSTANCE,
                new ListenAddress("127.0.0.1", 0));
        viewer = WatchingViewer.connect(server.port());
        assertTrue(viewer.awaitUpdates(3, 10_000), "viewer gets the first updates");
    }

    @AfterEach
    void stop() {
        if (viewer != null) {
            viewer.close();
        }
        if (server != null) {
            server.close();
        }
        log.close();
    }

    @Test
    void throwingSourceIsSurvived() throws Exception {
        survive(Mode.THROW, "acquire exploded (test)", DisplayState.FAILED);
    }

    @Test
    void hangingSourceIsAbandonedAndReopened() throws Exception {
        survive(Mode.HANG, "acquire() did not return within 300 ms", DisplayState.FAILED);
        assertEquals(1, source.hungCalls(), "no new call is started while one is stuck");
        assertTrue(log.count("has not returned after") <= 1, "\"still hung\" is logged at most once: " + log.messages());
    }

    @Test
    void sourceChangingModeEveryFrameShowsNotice() throws Exception {
        survive(Mode.FLAP, "the picture changes size or format every frame", DisplayState.FAILED);
    }

    @Test
    void sourceWithoutPictureShowsNoSignal() throws Exception {
        survive(Mode.EMPTY, "-> NO_SIGNAL", DisplayState.NO_SIGNAL);
    }

    @Test
    void vanishedSourceIsReopenedWithBackoff() throws Exception {
        int before = source.openAttempts();
        long t0 = System.nanoTime();
        survive(Mode.GONE, "device vanished (test)", DisplayState.FAILED);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int attempts = source.openAttempts() - before;
        // Backoff 500 ms, then 1 s: far fewer attempts than the ~100 ticks a second the pacing allows.
        assertTrue(attempts >= 1 && attempts <= 2 + seconds, attempts + " open attempts in " + seconds + " s");
    }

    private void survive(Mode fault, String logged, DisplayState expectedState) throws Exception {
        RefreshLoop loop = server.loop();
        source.set(fault);
        await(() -> loop.state() == expectedState, "state " + expectedState + " after " + fault + ", is " + loop.state());
        assertTrue(viewer.awaitPicture(px -> px[0] == NoSignalFrame.BACKGROUND, 10_000),
                "viewer sees the notice during " + fault);
        Thread.sleep(1500); // many ticks in the fault
        assertTrue(viewer.running(), "viewer still connected during " + fault + ": " + viewer.errors());
        source.set(Mode.NORMAL);
        await(() -> loop.state() == DisplayState.LIVE, "live again after " + fault);
        source.freeze(true);
        int[] expected = source.expected();
        assertTrue(viewer.awaitPicture(px -> Pixels.compare(expected, px, W, 0) == null, 10_000),
                "viewer sees the picture again after " + fault);
        assertNull(Pixels.compare(expected, viewer.pixels(), W, 0));
        assertTrue(viewer.running(), "viewer still connected: " + viewer.errors());
        assertTrue(viewer.errors().isEmpty(), "viewer errors: " + viewer.errors());
        assertEquals(1, server.rfb().clientCount());
        assertEquals(1, log.count(logged), "logged once: \"" + logged + "\" in " + log.messages());
    }

    private static void await(BooleanSupplier c, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!c.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < end, "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }
}
