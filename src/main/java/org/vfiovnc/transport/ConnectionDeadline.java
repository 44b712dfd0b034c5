package org.vfiovnc.transport;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A total time limit on a phase of a connection, not just per read: a client that sends one byte
 * every few seconds never trips a read timeout, but it does trip this. When it fires the connection
 * is closed, which ends whatever read (or TLS handshake) is blocked on it; {@link #expired()} then
 * says why.
 */
public final class ConnectionDeadline implements AutoCloseable {
    private static final class Shared {
        static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "connection-deadlines");
            t.setDaemon(true);
            return t;
        });

        static {
            TIMER.setRemoveOnCancelPolicy(true);
        }
    }

    private final ScheduledExecutorService timer;
    private final Connection connection;
    private ScheduledFuture<?> pending;
    private volatile String expired;

    /** Starts timing {@code phase} at once. */
    public ConnectionDeadline(ScheduledExecutorService timer, Connection connection, long ms, String phase) {
        this.timer = timer;
        this.connection = connection;
        arm(ms, phase);
    }

    /** One daemon timer thread for owners without a timer of their own (tasks only close sockets). */
    public static ScheduledExecutorService sharedTimer() {
        return Shared.TIMER;
    }

    /** Replaces the running limit with {@code ms} for {@code phase}, counted from now. */
    public synchronized void arm(long ms, String phase) {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = timer.schedule(() -> {
            expired = phase + " not finished within " + ms + " ms";
            connection.close();
        }, ms, TimeUnit.MILLISECONDS);
    }

    /** Why the deadline closed the connection, or null while it has not fired. */
    public String expired() {
        return expired;
    }

    /** Stops timing; the connection stays open. */
    @Override
    public synchronized void close() {
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
