package org.vfiovnc.damage;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs calls into the source on a worker thread with a time limit, so a device that hangs in an
 * ioctl or a page fault stalls only that worker, never the refresh loop. A hung call is abandoned
 * (a thread stuck in the kernel cannot be stopped) and no new call is started until it returns,
 * so a source that stays hung costs one thread, not one per retry.
 */
final class SourceWatchdog {
    /** Thrown when a call did not return in time, or an earlier one still has not. */
    static final class HungException extends IOException {
        HungException(String message) {
            super(message);
        }
    }

    private final String name;
    private final long timeoutMs;
    private ExecutorService worker;
    /** Set while an abandoned call is still inside the source (a cancelled Future reports done at once). */
    private AtomicInteger abandoned;
    private static final int NOT_STARTED = 0;
    private static final int INSIDE = 1;
    private static final int OUT = 2;
    private String abandonedWhat;

    SourceWatchdog(String name, long timeoutMs) {
        this.name = name;
        this.timeoutMs = timeoutMs;
    }

    long timeoutMs() {
        return timeoutMs;
    }

    /** Whether an abandoned call is still stuck in the source. */
    boolean stuck() {
        if (abandoned != null && abandoned.get() != INSIDE) {
            abandoned = null;
        }
        return abandoned != null;
    }

    <T> T call(String what, Callable<T> c) throws Exception {
        if (stuck()) {
            throw new HungException(abandonedWhat + " has not returned after more than " + timeoutMs + " ms");
        }
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "source-" + name);
                t.setDaemon(true);
                return t;
            });
        }
        AtomicInteger where = new AtomicInteger(NOT_STARTED);
        Future<T> f = worker.submit(() -> {
            if (!where.compareAndSet(NOT_STARTED, INSIDE)) {
                return null; // given up on before it started
            }
            try {
                return c.call();
            } finally {
                where.set(OUT);
            }
        });
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = null;
            if (!where.compareAndSet(NOT_STARTED, OUT)) {
                abandoned = where;
            }
            abandonedWhat = what + "()";
            throw new HungException(what + "() did not return within " + timeoutMs + " ms");
        }
    }

    void shutdown() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }
}
