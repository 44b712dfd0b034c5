package org.vfiovnc.testing;

import com.shinyhut.vernacular.client.VernacularClient;
import com.shinyhut.vernacular.client.VernacularConfig;
import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A real viewer (vernacular) that counts the updates it decodes and keeps the latest picture, so
 * tests can assert that it keeps receiving updates and ends up showing what the server shows.
 */
public final class WatchingViewer implements AutoCloseable {
    private final VernacularClient client;
    private final AtomicLong updates = new AtomicLong();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile int[] pixels;
    private volatile int width;
    private volatile long lastUpdateNanos;
    private volatile long maxGapNanos;

    private WatchingViewer(String password) {
        VernacularConfig cfg = new VernacularConfig();
        cfg.setColorDepth(ColorDepth.BPP_24_TRUE);
        cfg.setShared(true);
        cfg.setTargetFramesPerSecond(30);
        if (password != null) {
            cfg.setPasswordSupplier(() -> password);
        }
        cfg.setErrorListener(e -> errors.add(String.valueOf(e)));
        cfg.setScreenUpdateListener(img -> {
            BufferedImage b = (BufferedImage) img;
            width = b.getWidth();
            pixels = Pixels.of(b);
            long now = System.nanoTime();
            long last = lastUpdateNanos;
            if (last != 0) {
                maxGapNanos = Math.max(maxGapNanos, now - last);
            }
            lastUpdateNanos = now;
            updates.incrementAndGet();
        });
        client = new VernacularClient(cfg);
    }

    public static WatchingViewer connect(int port) {
        return connect(port, null);
    }

    public static WatchingViewer connect(int port, String password) {
        WatchingViewer v = new WatchingViewer(password);
        v.client.start("127.0.0.1", port);
        return v;
    }

    public long updates() {
        return updates.get();
    }

    public List<String> errors() {
        return errors;
    }

    public boolean running() {
        return client.isRunning();
    }

    /** Forgets the longest gap so far (call when the interesting period starts). */
    public void resetGap() {
        lastUpdateNanos = System.nanoTime();
        maxGapNanos = 0;
    }

    /** Longest time between two decoded updates since {@link #resetGap()}, including the time since the last one. */
    public long maxGapMs() {
        return Math.max(maxGapNanos, System.nanoTime() - lastUpdateNanos) / 1_000_000;
    }

    public int[] pixels() {
        return pixels;
    }

    public int width() {
        return width;
    }

    /** Waits until {@code more} further updates arrived; false on timeout. */
    public boolean awaitUpdates(long more, long timeoutMs) throws InterruptedException {
        long target = updates.get() + more;
        long end = System.currentTimeMillis() + timeoutMs;
        while (updates.get() < target) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Waits until the latest picture satisfies {@code p}; false on timeout. */
    public boolean awaitPicture(Predicate<int[]> p, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            int[] px = pixels;
            if (px != null && p.test(px)) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    @Override
    public void close() {
        client.stop();
    }
}
