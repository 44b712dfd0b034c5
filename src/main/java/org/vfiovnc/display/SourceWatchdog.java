package org.vfiovnc.display;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the calls into a source. They run on the caller's own thread (the refresh loop's): a
 * hand-over to a worker thread and back on every call cost more than the call itself at 200 ticks
 * a second. A monitor thread looks at the running call's age every quarter of the limit; a call
 * older than the limit is declared hung and the listener is told at once, on the monitor's
 * thread, so the loop can show a notice while its own thread is still stuck in the kernel. When
 * the call returns at last, its result is dropped and the caller gets a {@link HungException}.
 * No new call can start meanwhile: the only caller is the one stuck.
 */
final class SourceWatchdog {
    /** Thrown by a call that returned after it had been declared hung. */
    static final class HungException extends IOException {
        HungException(String message) {
            super(message);
        }
    }

    private final String name;
    private final long timeoutMs;
    private final Consumer<String> onHung;
    private final Object lock = new Object();
    // Guarded by lock.
    private String running;
    private long startedNanos;
    private boolean declaredHung;
    private boolean telling;
    private boolean shutdown;
    private Thread monitor;

    /** @param onHung told, on the monitor's thread, the message for a call that exceeded the limit */
    SourceWatchdog(String name, long timeoutMs, Consumer<String> onHung) {
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("source timeout " + timeoutMs + " ms");
        }
        this.name = name;
        this.timeoutMs = timeoutMs;
        this.onHung = onHung;
    }

    long timeoutMs() {
        return timeoutMs;
    }

    /** Runs {@code c} on this thread; a HungException if it was declared hung before it returned. */
    <T> T call(String what, Callable<T> c) throws Exception {
        begin(what);
        T result;
        try {
            result = c.call();
        } catch (Exception | Error e) {
            if (end()) {
                throw hung(what);
            }
            throw e;
        }
        if (end()) {
            throw hung(what);
        }
        return result;
    }

    private HungException hung(String what) {
        return new HungException(what + "() did not return within " + timeoutMs + " ms");
    }

    private void begin(String what) {
        synchronized (lock) {
            running = what;
            startedNanos = System.nanoTime();
            declaredHung = false;
            if (monitor == null && !shutdown) {
                monitor = new Thread(this::watch, "watchdog-" + name);
                monitor.setDaemon(true);
                monitor.start();
            }
        }
    }

    /** Ends the running call; true when it had been declared hung (after the listener was told). */
    private boolean end() {
        synchronized (lock) {
            running = null;
            // The listener publishes a notice: let it finish before the caller goes on.
            while (telling) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return declaredHung;
        }
    }

    private void watch() {
        long checkMs = Math.max(1, timeoutMs / 4);
        long limit = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            String message;
            synchronized (lock) {
                try {
                    lock.wait(checkMs);
                } catch (InterruptedException e) {
                    return;
                }
                if (shutdown) {
                    return;
                }
                if (running == null || declaredHung || System.nanoTime() - startedNanos <= limit) {
                    continue;
                }
                declaredHung = true;
                telling = true;
                message = hung(running).getMessage();
            }
            try {
                onHung.accept(message);
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(SourceWatchdog.class.getName())
                        .log(java.util.logging.Level.WARNING, "hang listener failed", e);
            } finally {
                synchronized (lock) {
                    telling = false;
                    lock.notifyAll();
                }
            }
        }
    }

    /** Stops the monitor (a call still stuck stays stuck: nothing can end it). */
    void shutdown() {
        synchronized (lock) {
            shutdown = true;
            lock.notifyAll();
        }
    }
}
