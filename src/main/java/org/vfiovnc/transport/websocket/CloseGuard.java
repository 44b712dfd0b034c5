package org.vfiovnc.transport.websocket;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action (closing a socket) unless the guarded block ends first: a write that might block
 * on a peer that stopped reading is bounded this way, since a blocking socket write has no timeout.
 */
final class CloseGuard implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor TIMER = timer();
    private final ScheduledFuture<?> pending;

    private CloseGuard(ScheduledFuture<?> pending) {
        this.pending = pending;
    }

    static CloseGuard after(long millis, Runnable action) {
        return new CloseGuard(TIMER.schedule(action, millis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        pending.cancel(false);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "websocket-close-guard");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        // No thread lingers between closes.
        t.setKeepAliveTime(1, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        return t;
    }
}
