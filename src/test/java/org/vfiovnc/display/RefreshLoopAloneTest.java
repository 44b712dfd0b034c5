package org.vfiovnc.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.vfiovnc.damage.Region;
import org.vfiovnc.display.RefreshLoopQuietTest.PaintedSource;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * A busy screen that nobody watches is looked at only at the idle pace and not compared (a
 * listener that only counts, like the metrics, does not count as watching), and a viewer that
 * attaches then is given a tick at once that compares the whole frame, so a change the sampled
 * rows would miss is in its first damage.
 */
class RefreshLoopAloneTest {
    private static final long TICK_MS = 10;
    private static final long IDLE_ALONE_MS = 1000;

    /** Keeps rows 0-15 changing every few milliseconds: the screen stays busy. */
    private static Thread busyPainter(PaintedSource source) {
        Thread t = new Thread(() -> {
            for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                for (int y = 0; y < 16; y++) {
                    source.paintRow(y, 0, 64, 0x000101 * (i & 0xff));
                }
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "busy-painter");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static RefreshLoop startLoop(PaintedSource source) throws Exception {
        RefreshLoop loop = new RefreshLoop(source, new RefreshLoop.Pacing(TICK_MS, 20, IDLE_ALONE_MS, 1000));
        loop.start();
        return loop;
    }

    /** Counts damage without watching, as the metrics do. */
    static final class Counter implements DisplayListener {
        final AtomicLong damages = new AtomicLong();

        @Override
        public void framebufferReplaced(Framebuffer fb) {}

        @Override
        public void damaged(Region damage) {
            damages.incrementAndGet();
        }

        @Override
        public boolean watches() {
            return false;
        }
    }

    /** A viewer's stand-in: keeps every damage it is told of. */
    static final class Watcher implements DisplayListener {
        final LinkedBlockingQueue<Region> damages = new LinkedBlockingQueue<>();

        @Override
        public void framebufferReplaced(Framebuffer fb) {}

        @Override
        public void damaged(Region damage) {
            damages.add(damage.copy());
        }
    }

    @Test
    void aBusyScreenThatOnlyMetricsCountIsLookedAtAtTheIdlePace() throws Exception {
        PaintedSource source = new PaintedSource();
        Thread painter = busyPainter(source);
        Counter counter = new Counter();
        try (RefreshLoop loop = startLoop(source)) {
            loop.attach(counter);
            Thread.sleep(IDLE_ALONE_MS + 200); // past the tick that was due when it started
            long before = source.acquires.get();
            long diffedBefore = loop.framesDiffed();
            long damagesBefore = counter.damages.get();
            long t0 = System.nanoTime();
            Thread.sleep(2 * IDLE_ALONE_MS + 500);
            long ticks = source.acquires.get() - before;
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            // At the normal tick the busy screen would be looked at about 250 times in this time.
            assertTrue(ticks <= ms / IDLE_ALONE_MS + 1, ticks + " ticks in " + ms + " ms with nobody watching");
            assertTrue(ticks >= 1, "the source is still looked at (its health and mode): " + ticks + " ticks in "
                    + ms + " ms");
            assertEquals(diffedBefore, loop.framesDiffed(), "frames compared with nobody watching");
            assertEquals(damagesBefore, counter.damages.get(), "damage found with nobody watching");
        } finally {
            painter.interrupt();
        }
    }

    @Test
    void aViewerAttachingToABusyScreenGetsAFullCompareAtOnce() throws Exception {
        PaintedSource source = new PaintedSource();
        Thread painter = busyPainter(source);
        try (RefreshLoop loop = startLoop(source)) {
            for (int round = 0; round < 5; round++) {
                Watcher watcher = new Watcher();
                Thread.sleep(300); // alone: the loop waits up to a second
                // One row, away from the busy rows: the sampled rows of a busy screen meet it one time in 16.
                int y = 70 + round * 37;
                int x = 100 + round * 9;
                source.paintRow(y, x, 20, 0x3f0000 + round);
                long t0 = System.nanoTime();
                loop.attach(watcher);
                Region first = watcher.damages.poll(5, TimeUnit.SECONDS);
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertNotNull(first, "round " + round + ": the viewer heard of no change");
                assertTrue(ms < 500, "round " + round + ": first damage " + ms + " ms after attaching (the idle wait is "
                        + IDLE_ALONE_MS + " ms)");
                Rect line = new Rect(x, y, 20, 1);
                assertTrue(first.rects().stream().anyMatch(r -> r.contains(line)),
                        "round " + round + ": the first damage " + first + " lacks the changed row " + line);
                loop.detach(watcher);
            }
        } finally {
            painter.interrupt();
        }
    }
}
