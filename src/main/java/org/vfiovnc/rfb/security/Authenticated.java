package org.vfiovnc.rfb.security;

import org.vfiovnc.transport.Connection;

/**
 * What a security type's exchange established: the connection the session goes on with, whether
 * the viewer proved anything (a password, or a user's password), and the user it proved to be
 * (null without a users file). Never holds a password.
 */
public record Authenticated(Connection connection, boolean proven, String user) {

    /** Nothing proven: None, or a VeNCrypt subtype without inner authentication. */
    public static Authenticated anonymous(Connection c) {
        return new Authenticated(c, false, null);
    }

    /** The server's VNC password. */
    public static Authenticated byPassword(Connection c) {
        return new Authenticated(c, true, null);
    }

    /** A user of the users file (Plain). */
    public static Authenticated asUser(Connection c, String user) {
        return new Authenticated(c, true, user);
    }
}
