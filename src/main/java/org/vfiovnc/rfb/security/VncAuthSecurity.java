package org.vfiovnc.rfb.security;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.vfiovnc.transport.Connection;

/** Security type 2: DES challenge-response, the challenge from a SecureRandom, compared in constant time. */
public final class VncAuthSecurity implements SecurityType {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final VncPassword password;

    public VncAuthSecurity(VncPassword password) {
        this.password = password;
    }

    @Override
    public int code() {
        return 2;
    }

    @Override
    public String name() {
        return "VncAuth";
    }

    @Override
    public boolean authenticates() {
        return true;
    }

    @Override
    public Authenticated authenticate(Connection connection, int minorVersion) throws IOException {
        byte[] challenge = new byte[16];
        RANDOM.nextBytes(challenge);
        OutputStream out = connection.output();
        out.write(challenge);
        out.flush();
        byte[] response = new byte[16];
        new DataInputStream(connection.input()).readFully(response);
        if (!MessageDigest.isEqual(response, password.expectedResponse(challenge))) {
            throw new AuthenticationException("authentication failed");
        }
        return Authenticated.byPassword(connection);
    }
}
