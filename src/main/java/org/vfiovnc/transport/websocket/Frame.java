package org.vfiovnc.transport.websocket;

/** One WebSocket frame (RFC 6455 section 5.2) with its payload already unmasked. */
public record Frame(boolean fin, int opcode, byte[] payload) {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    public boolean isControl() {
        return (opcode & 0x8) != 0;
    }
}
