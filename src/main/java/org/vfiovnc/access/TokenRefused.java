package org.vfiovnc.access;

/** A token that opens nothing; the message says why for the log and the 403, and never holds the token. */
public final class TokenRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public TokenRefused(String message) {
        super(message, null, false, false);
    }
}
