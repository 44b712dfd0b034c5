package org.vfiovnc.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import org.vfiovnc.transport.Connection;

/**
 * A connection whose client side is a fixed byte array and whose server output is collected in
 * memory (bounded: output past the bound is dropped): for fuzz tests that drive the real server code
 * without sockets or threads blocking on a peer.
 */
public final class MemoryConnection implements Connection {
    private static final int MAX_OUTPUT = 4 << 20;
    private final InputStream in;
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
        this.in = new ByteArrayInputStream(fromClient);
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
    public void close() {
        closed = true;
    }
}
