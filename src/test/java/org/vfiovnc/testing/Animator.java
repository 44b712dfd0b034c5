package org.vfiovnc.testing;

import java.util.function.IntFunction;
import org.vfiovnc.surface.Rect;

/**
 * Plays pictures into a {@link PictureSource} at a frame rate on a thread of its own, the way a video
 * plays on a guest's screen; a test can hold it on a frame (to look at what a viewer shows of that
 * frame) and let it go on.
 */
public final class Animator implements AutoCloseable {
    private final PictureSource source;
    private final int width;
    private final int height;
    private final IntFunction<int[]> frames;
    private final long periodNanos;
    private final Thread thread;
    private volatile boolean held;
    private volatile boolean stopped;
    private volatile int shown;

    /** Plays {@code frames.apply(1), apply(2), ...} ({@code width x height}) at {@code fps} once started. */
    public Animator(PictureSource source, int width, int height, IntFunction<int[]> frames, int fps) {
        this.source = source;
        this.width = width;
        this.height = height;
        this.frames = frames;
        this.periodNanos = 1_000_000_000L / fps;
        this.thread = new Thread(this::play, "animator");
        this.thread.setDaemon(true);
    }

    public Animator start() {
        thread.start();
        return this;
    }

    private void play() {
        long next = System.nanoTime();
        int i = 0;
        while (!stopped) {
            if (!held) {
                int[] px = frames.apply(i + 1);
                synchronized (this) {
                    // hold() may have come while the frame was drawn: then it is not shown.
                    if (!held) {
                        source.show(px, width, height);
                        shown = ++i;
                    }
                }
            }
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Stops on the frame shown now and returns its number (the picture stays until {@link #resume()}). */
    public int hold() {
        synchronized (this) {
            held = true;
            return shown;
        }
    }

    public void resume() {
        held = false;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code screen} ({@code sw} wide) with {@code inset} pasted at {@code r}. */
    public static int[] withInset(int[] screen, int sw, int[] inset, Rect r) {
        int[] out = screen.clone();
        for (int y = 0; y < r.height(); y++) {
            System.arraycopy(inset, y * r.width(), out, (r.y() + y) * sw + r.x(), r.width());
        }
        return out;
    }
}
