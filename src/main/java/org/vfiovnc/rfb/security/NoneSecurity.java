package org.vfiovnc.rfb.security;

import org.vfiovnc.transport.Connection;

/** Security type 1: no authentication. */
public final class NoneSecurity implements SecurityType {
    @Override
    public int code() {
        return 1;
    }

    @Override
    public String name() {
        return "None";
    }

    @Override
    public boolean authenticates() {
        return false;
    }

    @Override
    public Authenticated authenticate(Connection connection, int minorVersion) {
        return Authenticated.anonymous(connection);
    }
}
