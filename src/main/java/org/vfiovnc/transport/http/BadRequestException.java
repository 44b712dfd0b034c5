package org.vfiovnc.transport.http;

import java.io.IOException;

/** A request the server cannot parse; answered with 400 and the connection closed. */
public final class BadRequestException extends IOException {
    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}
