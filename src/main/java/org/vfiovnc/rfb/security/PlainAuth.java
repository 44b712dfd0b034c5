package org.vfiovnc.rfb.security;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.vfiovnc.protocol.ProtocolException;
import org.vfiovnc.transport.Connection;

/** VeNCrypt's Plain exchange: the client sends user and password lengths, then both (UTF-8). */
final class PlainAuth {
    private static final int MAX_FIELD = 1024;

    private PlainAuth() {}

    /** Returns the user who authenticated. */
    static String run(Connection c, PlainCheck users) throws IOException {
        DataInputStream in = new DataInputStream(c.input());
        int userLen = in.readInt();
        int passLen = in.readInt();
        if (userLen < 0 || userLen > MAX_FIELD || passLen < 0 || passLen > MAX_FIELD) {
            throw new ProtocolException("Plain user or password longer than " + MAX_FIELD + " bytes");
        }
        byte[] user = new byte[userLen];
        byte[] pass = new byte[passLen];
        in.readFully(user);
        in.readFully(pass);
        java.nio.CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(pass));
        char[] pw = new char[chars.remaining()];
        chars.get(pw);
        Arrays.fill(chars.array(), '\0');
        Arrays.fill(pass, (byte) 0);
        String name = new String(user, StandardCharsets.UTF_8);
        boolean ok = users != null && users.check(name, pw);
        Arrays.fill(pw, '\0');
        if (!ok) {
            throw new AuthenticationException("authentication failed", c);
        }
        return name;
    }
}
