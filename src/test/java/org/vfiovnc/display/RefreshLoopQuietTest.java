package org.vfiovnc.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.vfiovnc.damage.Region;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.PixelLayout;

/**
 * A screen that has been quiet for a while is mostly looked at through sampled rows, with a full
 * compare every {@link TickPacer#QUIET_FULL_EVERY} ticks: a one-row change still arrives within
 * that many ticks (and some had to wait: the ticks really sample), and after input every tick of
 * a screen that is not busy is a full compare again, so the same change arrives on the next tick.
 */
class RefreshLoopQuietTest {
    private static final int W = 320;
    private static final int H = 256;
    /** Longer than the busy half second after a change, short enough for a quick test. */
    private static final long QUIET_MS = 700;

    /** A picture a test paints into directly. */
    static final class PaintedSource implements DisplaySource {
        final ByteBuffer buf = ByteBuffer.allocateDirect(W * H * 4).order(ByteOrder.LITTLE_ENDIAN);
        final AtomicLong acquires = new AtomicLong();

        synchronized void paintRow(int y, int x, int w, int rgb) {
            for (int i = x; i < x + w; i++) {
                buf.putInt((y * W + i) * 4, rgb);
            }
        }

        @Override
        public void open() {}

        @Override
        public synchronized Optional<DisplaySurface> acquire() {
            acquires.incrementAndGet();
            return Optional.of(new DisplaySurface(W, H, W * 4, PixelLayout.XR24, buf, 0));
        }

        @Override
        public String describe() {
            return "painted";
        }

        @Override
        public void close() {}
    }

    /** Records at which diffed frame each damage arrived. */
    static final class Arrivals implements DisplayListener {
        final LinkedBlockingQueue<Long> frames = new LinkedBlockingQueue<>();
        RefreshLoop loop;

        @Override
        public void framebufferReplaced(Framebuffer fb) {}

        @Override
        public void damaged(Region damage) {
            frames.add(loop.framesDiffed());
        }
    }

    @Test
    void quietScreenSamplesButFindsEveryChangeAndInputBringsFullCompares() throws Exception {
        PaintedSource source = new PaintedSource();
        RefreshLoop loop = new RefreshLoop(source, new RefreshLoop.Pacing(5, 5, 5, 1000).withQuietMs(QUIET_MS));
        Arrivals arrivals = new Arrivals();
        arrivals.loop = loop;
        loop.attach(arrivals);
        loop.start();
        try {
            int slowest = 0;
            java.util.List<Integer> took = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Thread.sleep(QUIET_MS + 100); // quiet again
                long before = loop.framesDiffed();
                source.paintRow(5 + i * 19, 10 + i * 7, 30, 0x010101 * (i + 1));
                Long at = arrivals.frames.poll(5, TimeUnit.SECONDS);
                assertTrue(at != null, "change " + i + " on the quiet screen arrived");
                int ticks = (int) (at - before);
                // One more than the full-compare period: the paint may land during a tick.
                assertTrue(ticks <= TickPacer.QUIET_FULL_EVERY + 1, "change " + i + " took " + ticks + " ticks");
                slowest = Math.max(slowest, ticks);
                took.add(ticks);
            }
            // A one-row change meets a sampled row one time in 16: found at once ten times in a row
            // only if the quiet ticks compared in full (or by a chance of (1/4)^10).
            assertTrue(slowest > 1, "every change was found at once: the quiet ticks do not sample (ticks taken "
                    + took + "; " + loop.scanCounts() + ")");
            for (int i = 0; i < 10; i++) {
                Thread.sleep(QUIET_MS + 100); // quiet again, then input
                loop.wakeForInput();
                Thread.sleep(30);
                long before = loop.framesDiffed();
                source.paintRow(7 + i * 19, 200 - i * 7, 30, 0x020202 * (i + 1));
                Long at = arrivals.frames.poll(5, TimeUnit.SECONDS);
                assertTrue(at != null, "change " + i + " after input arrived");
                assertTrue(at - before <= 2, "change " + i + " after input took " + (at - before) + " ticks");
            }
            assertEquals(0, arrivals.frames.size());
        } finally {
            loop.close();
        }
    }
}
