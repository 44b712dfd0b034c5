package org.vfiovnc.transport.websocket;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads frames from a stream and checks them: reserved bits clear (no extensions are agreed),
 * known opcodes, control frames unfragmented and at most 125 bytes, payloads within a limit, and
 * masking as the role requires (a server must get masked frames, a client unmasked ones). It reads
 * with {@code readFully}, so a stream that delivers one byte at a time is fine. A large payload's
 * buffer grows as its bytes arrive: a frame that only declares megabytes costs nothing.
 */
public final class FrameReader {
    /** Payloads up to this size get their whole buffer at once; RFB's client messages are far smaller. */
    static final int FIRST_CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxPayload;
    private final boolean expectMasked;

    /**
     * @param maxPayload   largest payload of one frame accepted
     * @param expectMasked true on the server side: client frames must be masked
     */
    public FrameReader(InputStream in, int maxPayload, boolean expectMasked) {
        this.in = in;
        this.maxPayload = maxPayload;
        this.expectMasked = expectMasked;
    }

    /** The next frame, or null at a clean end of stream before a frame starts. */
    public Frame read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = readByte();
        boolean fin = (b0 & 0x80) != 0;
        if ((b0 & 0x70) != 0) {
            throw new WebSocketException(WebSocketException.PROTOCOL_ERROR, "reserved bits set without an extension");
        }
        int opcode = b0 & 0x0f;
        if (opcode > Frame.BINARY && opcode < Frame.CLOSE || opcode > Frame.PONG) {
            throw new WebSocketException(WebSocketException.PROTOCOL_ERROR, "unknown opcode " + opcode);
        }
        boolean masked = (b1 & 0x80) != 0;
        if (masked != expectMasked) {
            throw new WebSocketException(WebSocketException.PROTOCOL_ERROR,
                    expectMasked ? "client frame not masked" : "server frame masked");
        }
        long len = b1 & 0x7f;
        if (len == 126) {
            len = (long) readByte() << 8 | readByte();
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = len << 8 | readByte();
            }
            if (len < 0) {
                throw new WebSocketException(WebSocketException.PROTOCOL_ERROR, "64-bit length with the top bit set");
            }
        }
        boolean control = (opcode & 0x8) != 0;
        if (control && (!fin || len > 125)) {
            throw new WebSocketException(WebSocketException.PROTOCOL_ERROR, "fragmented or oversized control frame");
        }
        if (len > maxPayload) {
            throw new WebSocketException(WebSocketException.TOO_BIG, "frame of " + len + " bytes exceeds the limit of " + maxPayload);
        }
        byte[] mask = null;
        if (masked) {
            mask = new byte[4];
            readFully(mask);
        }
        byte[] payload = readPayload((int) len);
        if (mask != null) {
            FrameWriter.applyMask(payload, 0, payload.length, mask);
        }
        return new Frame(fin, opcode, payload);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed inside a WebSocket frame");
        }
        return b;
    }

    private void readFully(byte[] b) throws IOException {
        readInto(b, 0, b.length);
    }

    /** {@code len} bytes, in a buffer at most twice what has arrived so far while they come. */
    private byte[] readPayload(int len) throws IOException {
        byte[] b = new byte[Math.min(len, FIRST_CHUNK)];
        int off = 0;
        while (true) {
            readInto(b, off, b.length);
            off = b.length;
            if (off == len) {
                return b;
            }
            b = Arrays.copyOf(b, (int) Math.min(len, 2L * off));
        }
    }

    private void readInto(byte[] b, int from, int to) throws IOException {
        int off = from;
        while (off < to) {
            int n = in.read(b, off, to - off);
            if (n < 0) {
                throw new EOFException("connection closed inside a WebSocket frame");
            }
            off += n;
        }
    }
}
