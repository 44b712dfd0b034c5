package org.vfiovnc.rfb;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import org.vfiovnc.transport.Connection;
import org.vfiovnc.transport.ConnectionDeadline;

/**
 * The handshake's total time limit (see {@link ConnectionDeadline}), with a longer one while the
 * viewer authenticates: a person may be typing the password meanwhile.
 */
final class HandshakeDeadline implements RfbHandshake.Watch, AutoCloseable {
    private final Connection connection;
    private final int handshakeMs;
    private final int authMs;
    private final Runnable onFailure;
    private final ConnectionDeadline deadline;

    HandshakeDeadline(ScheduledExecutorService timer, Connection connection, int handshakeMs, int authMs,
                      Runnable onFailure) {
        this.connection = connection;
        this.handshakeMs = handshakeMs;
        this.authMs = authMs;
        this.onFailure = onFailure;
        this.deadline = new ConnectionDeadline(timer, connection, handshakeMs, "handshake");
    }

    @Override
    public void authenticating(boolean started) throws IOException {
        int ms = started ? authMs : handshakeMs;
        connection.setReadTimeout(ms);
        deadline.arm(ms, started ? "authentication" : "handshake");
    }

    @Override
    public void authenticationFailed() {
        onFailure.run();
    }

    /** Why the deadline closed the connection, or null while it has not fired. */
    String expired() {
        return deadline.expired();
    }

    @Override
    public void close() {
        deadline.close();
    }
}
