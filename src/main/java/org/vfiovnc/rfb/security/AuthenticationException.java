package org.vfiovnc.rfb.security;

import java.io.IOException;

/** Authentication failed; the message is safe to send to the client and to log (never a password). */
public class AuthenticationException extends IOException {
    public AuthenticationException(String message) {
        super(message);
    }
}
