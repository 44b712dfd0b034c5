package org.vfiovnc.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import org.vfiovnc.transport.Connection;

/**
 * A connection whose client side is a fixed byte array and whose server output is collected in
 * memory (bounded: output past the bound is dropped): for tests that drive the real server code
 * without sockets or threads blocking on a peer. {@link #oneBytePerRead()} makes every bulk read
 * return a single byte, so that a reader that assumes whole reads fails; {@link #encrypted()}
 * claims an encrypted transport (as TLS does).
 */
public final class MemoryConnection implements Connection {
    private static final int MAX_OUTPUT = 4 << 20;
    private final byte[] fromClient;
    private final InputStream in;
    private final boolean encrypted;
    private final boolean oneBytePerRead;
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) {
            synchronized (collected) {
                if (collected.size() < MAX_OUTPUT) {
                    collected.write(b);
                }
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (collected) {
                if (collected.size() < MAX_OUTPUT) {
                    collected.write(b, off, Math.min(len, MAX_OUTPUT - collected.size()));
                }
            }
        }
    };
    private volatile boolean closed;

    public MemoryConnection(byte[] fromClient) {
        this(fromClient, false, false);
    }

    private MemoryConnection(byte[] fromClient, boolean encrypted, boolean oneBytePerRead) {
        this.fromClient = fromClient;
        this.encrypted = encrypted;
        this.oneBytePerRead = oneBytePerRead;
        ByteArrayInputStream all = new ByteArrayInputStream(fromClient);
        this.in = !oneBytePerRead ? all : new InputStream() {
            @Override
            public int read() {
                return all.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len == 0 ? 0 : all.read(b, off, 1);
            }
        };
    }

    /** The same client bytes over a connection that says it is encrypted. */
    public MemoryConnection encrypted() {
        return new MemoryConnection(fromClient, true, oneBytePerRead);
    }

    /** The same client bytes handed out one byte per read. */
    public MemoryConnection oneBytePerRead() {
        return new MemoryConnection(fromClient, encrypted, true);
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    public byte[] written() {
        synchronized (collected) {
            return collected.toByteArray();
        }
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public InetAddress remoteAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public void setReadTimeout(int millis) {
        // reads never block
    }

    @Override
    public boolean isEncrypted() {
        return encrypted;
    }

    @Override
    public void close() {
        closed = true;
    }
}
