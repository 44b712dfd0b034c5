package org.vfiovnc.source;

import java.io.IOException;

/** A source could not be opened or read, with a message fit to show the user as it is. */
public class SourceException extends IOException {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
