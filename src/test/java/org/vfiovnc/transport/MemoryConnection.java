package org.vfiovnc.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;

/** A connection over in-memory bytes that hands them out one byte per read: what a peer sent, and what we wrote. */
public final class MemoryConnection implements Connection {
    private final InputStream in;
    public final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final boolean encrypted;

    public MemoryConnection(byte[] peerBytes, boolean encrypted) {
        ByteArrayInputStream all = new ByteArrayInputStream(peerBytes);
        this.in = new InputStream() {
            @Override
            public int read() {
                return all.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len == 0 ? 0 : all.read(b, off, 1);
            }
        };
        this.encrypted = encrypted;
    }

    @Override public InputStream input() { return in; }
    @Override public OutputStream output() { return written; }
    @Override public InetAddress remoteAddress() { return InetAddress.getLoopbackAddress(); }
    @Override public String describe() { return "memory"; }
    @Override public void setReadTimeout(int millis) throws IOException { }
    @Override public boolean isEncrypted() { return encrypted; }
    @Override public void close() { }
}
