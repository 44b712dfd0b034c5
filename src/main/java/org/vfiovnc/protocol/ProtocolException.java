package org.vfiovnc.protocol;

import java.io.IOException;

/** The client broke the protocol; the message says how, for the log line that closes it. */
public class ProtocolException extends IOException {
    public ProtocolException(String message) {
        super(message);
    }
}
