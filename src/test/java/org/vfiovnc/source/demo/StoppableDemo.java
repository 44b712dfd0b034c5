package org.vfiovnc.source.demo;

import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo scene (a scrolling terminal, a moving window with a colour gradient, a clock), moving
 * until the test stops its clock: then it stays on one picture, which viewers must end up showing.
 * The test gets that picture from the scene itself ({@link #finalPicture()}), not from the server,
 * so a server that lost the last frame cannot pass by showing its own stale copy.
 */
public final class StoppableDemo {
    private volatile long stoppedAt = -1;
    /** The clock's first reading: DemoSource.open takes it as the scene's time zero. */
    private final AtomicLong openedAt = new AtomicLong(-1);
    private int width;
    private int height;

    /** A demo source of {@code w} x {@code h} that moves until {@link #stop()}; one per StoppableDemo. */
    public synchronized DemoSource source(int w, int h) {
        if (width != 0) {
            throw new IllegalStateException("one source per StoppableDemo: the final picture follows its clock");
        }
        width = w;
        height = h;
        return new DemoSource(w, h, false, () -> {
            long t = stoppedAt;
            long now = t >= 0 ? t : System.currentTimeMillis();
            openedAt.compareAndSet(-1, now);
            return now;
        });
    }

    /**
     * The scene stops at the start of its next animation frame (DemoSource paints at most every
     * 33 ms of scene time): a frame no look has painted yet, so the refresh loop's next look paints
     * exactly the picture {@link #finalPicture()} paints, not a frame begun a few milliseconds earlier.
     */
    public void stop() {
        long start = openedAt.get();
        long now = System.currentTimeMillis();
        stoppedAt = start < 0 ? now : start + ((now - start) / 33 + 1) * 33;
    }

    /**
     * The picture the source shows since {@link #stop()}, painted here by a scene of its own with
     * the times DemoSource.acquire paints from (canonical 0xRRGGBB, row-major).
     */
    public synchronized int[] finalPicture() {
        long stop = stoppedAt;
        long start = openedAt.get();
        if (stop < 0 || start < 0) {
            throw new IllegalStateException("the demo has not been opened and stopped");
        }
        DemoScene scene = new DemoScene(width, height);
        scene.paint(stop - start, stop / 1000 + TimeZone.getDefault().getOffset(stop) / 1000);
        return scene.pixels().clone();
    }
}
