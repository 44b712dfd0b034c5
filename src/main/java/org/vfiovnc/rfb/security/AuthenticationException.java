package org.vfiovnc.rfb.security;

import java.io.IOException;
import org.vfiovnc.transport.Connection;

/** Authentication failed; the message is safe to send to the client and to log (never a password). */
public class AuthenticationException extends IOException {
    private final transient Connection connection;

    public AuthenticationException(String message) {
        this(message, null);
    }

    /**
     * @param connection where the failure result must be written when the type had already switched
     *                   the connection (VeNCrypt inside TLS); null for the connection it started on
     */
    public AuthenticationException(String message, Connection connection) {
        super(message);
        this.connection = connection;
    }

    /** The connection to answer on, or null for the one the type started on. */
    public Connection connection() {
        return connection;
    }
}
