package org.vfiovnc.rfb;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.vfiovnc.transport.Connection;

/**
 * A total time limit on the handshake, not just per read: a client that sends one byte every few
 * seconds never trips a read timeout, but it does trip this. When it fires the connection is closed,
 * which ends the blocked read; {@link #expired()} then tells the session why.
 */
final class HandshakeDeadline implements RfbHandshake.Watch, AutoCloseable {
    private final ScheduledExecutorService timer;
    private final Connection connection;
    private final int handshakeMs;
    private final int authMs;
    private final Runnable onFailure;
    private ScheduledFuture<?> pending;
    private volatile String expired;

    HandshakeDeadline(ScheduledExecutorService timer, Connection connection, int handshakeMs, int authMs,
                      Runnable onFailure) {
        this.timer = timer;
        this.connection = connection;
        this.handshakeMs = handshakeMs;
        this.authMs = authMs;
        this.onFailure = onFailure;
        arm(handshakeMs, "handshake");
    }

    private synchronized void arm(int ms, String phase) {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = timer.schedule(() -> {
            expired = phase + " not finished within " + ms + " ms";
            connection.close();
        }, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void authenticating(boolean started) throws IOException {
        int ms = started ? authMs : handshakeMs;
        connection.setReadTimeout(ms);
        arm(ms, started ? "authentication" : "handshake");
    }

    @Override
    public void authenticationFailed() {
        onFailure.run();
    }

    /** Why the deadline closed the connection, or null while it has not fired. */
    String expired() {
        return expired;
    }

    @Override
    public synchronized void close() {
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
