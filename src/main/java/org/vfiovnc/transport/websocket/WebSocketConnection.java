package org.vfiovnc.transport.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.vfiovnc.transport.Connection;
import org.vfiovnc.transport.LayeredConnection;

/**
 * RFB carried in WebSocket messages, server side, after the opening handshake. Reading yields the
 * payloads of data frames (binary or text, fragmented or not) as one byte stream, answers pings and
 * ends at a close frame (echoing it). Writing buffers until {@code flush()}, which sends what was
 * written as one binary frame, so one RFB update batch is one message.
 */
public final class WebSocketConnection extends LayeredConnection {
    /** Largest payload of one incoming frame; RFB client messages are small (ClientCutText is the largest). */
    public static final int DEFAULT_MAX_PAYLOAD = 4 << 20;

    /** How long a close waits to send its close frame before closing the transport without one. */
    private static final long CLOSE_FRAME_WAIT_MS = 500;

    private final FrameReader reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final InputStream in = new MessageInput();
    private final OutputStream out = new MessageOutput();
    private volatile boolean closeSent;

    public WebSocketConnection(Connection inner, int maxPayload) throws IOException {
        super(inner, "ws");
        this.reader = new FrameReader(below.input(), maxPayload, true);
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public boolean overWebSocket() {
        return true;
    }

    /**
     * Sends a close frame (once) and closes the transport below. The frame goes only when no other
     * write is in progress: a viewer that stopped reading leaves a write blocked, and waiting for it
     * would hang the closer and never close the socket that would end it. Nor may the close frame
     * itself wait for long on a full socket: a guard closes the transport under it.
     */
    @Override
    public void close() {
        trySendClose(1000, "");
        below.close();
    }

    /** Sends a close frame unless another write is stuck or this one would be (see {@link #close}). */
    private void trySendClose(int code, String reason) {
        try {
            if (writeLock.tryLock(CLOSE_FRAME_WAIT_MS, TimeUnit.MILLISECONDS)) {
                try (CloseGuard guard = CloseGuard.after(CLOSE_FRAME_WAIT_MS, below::close)) {
                    sendClose(code, reason);
                } finally {
                    writeLock.unlock();
                }
            }
        } catch (IOException ignored) {
            // the peer is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendClose(int code, String reason) throws IOException {
        writeLock.lock();
        try {
            if (closeSent) {
                return;
            }
            closeSent = true;
            byte[] r = reason.getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(2 + Math.min(r.length, 120));
            b.putShort((short) code).put(r, 0, b.remaining());
            sendFrame(Frame.CLOSE, b.array(), b.array().length);
        } finally {
            writeLock.unlock();
        }
    }

    private void sendFrame(int opcode, byte[] payload, int len) throws IOException {
        writeLock.lock();
        try {
            OutputStream o = below.output();
            FrameWriter.write(o, true, opcode, payload, 0, len, null);
            o.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /** The byte stream of incoming data frames. */
    private final class MessageInput extends InputStream {
        private byte[] current = new byte[0];
        private int pos;
        private boolean inFragmentedMessage;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == current.length) {
                if (ended || !nextDataFrame()) {
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return current.length - pos;
        }

        /** Reads frames until one carries data; false at the end of the stream. */
        private boolean nextDataFrame() throws IOException {
            while (true) {
                Frame f;
                try {
                    f = reader.read();
                } catch (WebSocketException e) {
                    try {
                        sendClose(e.closeCode(), e.getMessage());
                    } catch (IOException ignored) {
                        // reporting the first error matters more
                    }
                    throw e;
                }
                if (f == null) {
                    ended = true;
                    return false;
                }
                switch (f.opcode()) {
                    case Frame.PING -> sendFrame(Frame.PONG, f.payload(), f.payload().length);
                    case Frame.PONG -> { }
                    case Frame.CLOSE -> {
                        // Echo the status code, then report the end of the stream.
                        int code = f.payload().length >= 2 ? (f.payload()[0] & 0xff) << 8 | (f.payload()[1] & 0xff) : 1000;
                        try {
                            sendClose(code == 1005 || code < 1000 ? 1000 : code, "");
                        } catch (IOException ignored) {
                            // peer may be gone
                        }
                        ended = true;
                        return false;
                    }
                    case Frame.CONTINUATION -> {
                        if (!inFragmentedMessage) {
                            throw protocolError("continuation frame without a message to continue");
                        }
                        inFragmentedMessage = !f.fin();
                        current = f.payload();
                        pos = 0;
                        return true;
                    }
                    default -> {
                        if (inFragmentedMessage) {
                            throw protocolError("new message before the fragmented one ended");
                        }
                        inFragmentedMessage = !f.fin();
                        current = f.payload();
                        pos = 0;
                        return true;
                    }
                }
            }
        }

        private WebSocketException protocolError(String message) {
            WebSocketException e = new WebSocketException(WebSocketException.PROTOCOL_ERROR, message);
            trySendClose(e.closeCode(), message);
            return e;
        }
    }

    /** Collects RFB output; each flush is one binary message. */
    private final class MessageOutput extends OutputStream {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream(64 * 1024);

        @Override
        public void write(int b) {
            synchronized (pending) {
                pending.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (pending) {
                pending.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            byte[] data;
            synchronized (pending) {
                if (pending.size() == 0) {
                    return;
                }
                data = pending.toByteArray();
                pending.reset();
            }
            if (closeSent) {
                throw new IOException("WebSocket closed");
            }
            sendFrame(Frame.BINARY, data, data.length);
        }

        @Override
        public void close() {
            WebSocketConnection.this.close();
        }
    }
}
