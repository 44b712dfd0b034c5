package org.vfiovnc.rfb;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The threads that encode and write updates for all the viewers of one server. Each viewer's
 * sender runs in turns ({@link UpdateSender#turn}), one at a time per viewer, queued here when
 * something becomes due. A thread per viewer cost a sleep and a wake-up per update and viewer, and
 * on a virtual machine that was half the senders' CPU with 32 viewers (perf); a few threads
 * that take the turns of a refresh tick one after another sleep once per tick.
 *
 * <p>A write blocks while its viewer is behind, and with it one of the threads. So that such
 * viewers never hold up the others, the server's watchdog counts the writes that have not moved
 * for a while ({@link #writesStalled}) and the pool grows by that many threads until they move
 * again. The others wait at most one watchdog period for that, and only when every thread is
 * blocked at once.
 */
final class SenderPool implements AutoCloseable {
    private static final Logger LOG = ClientSession.LOG;

    private final int base;
    private final ThreadPoolExecutor threads;
    private final ScheduledExecutorService timer;
    private int added;

    /** @param timer runs the timed wake-ups (a lossless refresh, an unanswered resize) */
    SenderPool(int base, ScheduledExecutorService timer) {
        if (base < 1) {
            throw new IllegalArgumentException("sender threads: " + base);
        }
        this.base = base;
        this.timer = timer;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(base, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "rfb-send-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** One per processor, at least two: a blocked write leaves another thread to the rest. */
    static int defaultSize() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** Queues a viewer's turn; none once the server is closed (its sessions are). */
    void execute(Runnable turn) {
        try {
            threads.execute(turn);
        } catch (RejectedExecutionException e) {
            LOG.fine("a sender's turn after the server closed");
        }
    }

    /** Runs {@code wake} after {@code nanos}; not once the server is closed. */
    void schedule(Runnable wake, long nanos) {
        try {
            timer.schedule(wake, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine("a sender's timed wake-up after the server closed");
        }
    }

    /**
     * {@code stalled} writes have not moved for a while (the watchdog's count): that many threads
     * more than the base, so the turns of the other viewers still have {@code base} threads.
     */
    void writesStalled(int stalled) {
        synchronized (this) {
            if (stalled == added) {
                return;
            }
            // The extra threads end when idle after the core size shrinks.
            threads.setCorePoolSize(base + stalled);
            if (stalled > added) {
                threads.prestartAllCoreThreads();
                LOG.fine("sender threads: " + (base + stalled) + " (" + stalled + " blocked in a write to a viewer that is behind)");
            }
            added = stalled;
        }
    }

    /** Queued turns still run: they find their sessions closed and release their encoders. */
    @Override
    public void close() {
        threads.shutdown();
    }
}
