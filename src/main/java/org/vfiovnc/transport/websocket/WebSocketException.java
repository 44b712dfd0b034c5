package org.vfiovnc.transport.websocket;

import java.io.IOException;

/** A peer broke the WebSocket protocol; {@link #closeCode()} is the status to close with. */
public final class WebSocketException extends IOException {
    private static final long serialVersionUID = 1L;
    /** 1002 protocol error. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1009 message too big. */
    public static final int TOO_BIG = 1009;

    private final int closeCode;

    public WebSocketException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
