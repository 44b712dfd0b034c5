package org.vfiovnc.transport.sniff;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Optional;
import org.vfiovnc.transport.Connection;

/** A connection whose first bytes were already read by the sniffer: they are read again first. */
public final class ReplayConnection implements Connection {
    private final Connection inner;
    private final InputStream in;

    public ReplayConnection(Connection inner, byte[] consumed) throws IOException {
        this.inner = inner;
        this.in = consumed.length == 0 ? inner.input()
                : new SequenceInputStream(new ByteArrayInputStream(consumed), inner.input());
    }

    @Override
    public boolean overWebSocket() {
        return inner.overWebSocket();
    }

    @Override
    public Optional<Socket> tcpSocket() {
        return inner.tcpSocket();
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() throws IOException {
        return inner.output();
    }

    @Override
    public InetAddress remoteAddress() {
        return inner.remoteAddress();
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void setReadTimeout(int millis) throws IOException {
        inner.setReadTimeout(millis);
    }

    @Override
    public boolean isEncrypted() {
        return inner.isEncrypted();
    }

    @Override
    public void close() {
        inner.close();
    }
}
