package org.vfiovnc.display;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.vfiovnc.display.RefreshLoopQuietTest.PaintedSource;

/**
 * How viewer requests pace the loop: a request after a quiet spell is looked at at once, but
 * requests that come faster than the fast tick (a viewer asks again right after every update) do
 * not each bring a tick of their own.
 */
class RefreshLoopPacingTest {
    private static final long FAST_MS = 5;

    private static RefreshLoop startLoop() throws Exception {
        RefreshLoop loop = new RefreshLoop(new PaintedSource(), new RefreshLoop.Pacing(50, 100, 1000, 30_000, FAST_MS, 2000));
        loop.start();
        // The requests are a viewer's: with nobody watching the loop compares nothing.
        loop.attach(new RefreshLoopAloneTest.Watcher());
        return loop;
    }

    @Test
    void requestsInQuickSuccessionBringATickAtMostEveryFastTick() throws Exception {
        try (RefreshLoop loop = startLoop()) {
            Thread.sleep(200);
            long before = loop.framesDiffed();
            long t0 = System.nanoTime();
            int requests = 0;
            while (System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(200)) {
                loop.wake();
                requests++;
                LockSupport.parkNanos(500_000);
            }
            long ticks = loop.framesDiffed() - before;
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            // Without requests the unchanged screen is looked at every 50 ms and less often after.
            assertTrue(ticks >= 10, ticks + " ticks for " + requests + " requests in " + elapsedMs + " ms");
            assertTrue(ticks <= elapsedMs / FAST_MS + 3, ticks + " ticks for " + requests + " requests in " + elapsedMs + " ms");
        }
    }

    @Test
    void aRequestAfterAQuietSpellIsLookedAtAtOnce() throws Exception {
        try (RefreshLoop loop = startLoop()) {
            // Nothing changes and nobody asks: the tick backs off to hundreds of milliseconds.
            Thread.sleep(800);
            for (int i = 0; i < 5; i++) {
                long before = loop.framesDiffed();
                long t0 = System.nanoTime();
                loop.wake();
                while (loop.framesDiffed() == before && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2)) {
                    LockSupport.parkNanos(200_000);
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertTrue(ms < 100, "request " + i + " was looked at after " + ms + " ms");
                Thread.sleep(400);
            }
        }
    }
}
