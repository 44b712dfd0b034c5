package org.vfiovnc.rfb.security;

import java.io.IOException;
import org.vfiovnc.transport.Connection;

/**
 * One RFB security type. The handshake offers the configured types, reads the client's choice and
 * runs that type's exchange; the handshake then writes the SecurityResult. A type that encrypts
 * (VeNCrypt) returns the wrapped connection that the session continues on.
 */
public interface SecurityType {

    /** The number sent in the security-types list (1 None, 2 VncAuth, 19 VeNCrypt, ...). */
    int code();

    String name();

    /** Whether an RFB 3.3 client, for which the server picks one type, can be given this one. */
    default boolean usableWithRfb33() {
        return code() == 1 || code() == 2;
    }

    /** Whether this type proves who the client is (a None type does not). */
    boolean authenticates();

    /**
     * Runs the exchange after the client chose this type (for 3.3: after the server announced it).
     *
     * @return the connection to continue on (the same one unless this type wraps it), and who the
     *         client proved to be
     * @throws AuthenticationException when the client failed to authenticate
     */
    Authenticated authenticate(Connection connection, int minorVersion) throws IOException;
}
