package org.vfiovnc.transport.sniff;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.util.Optional;
import org.vfiovnc.transport.Connection;
import org.vfiovnc.transport.LayeredConnection;

/** A connection whose first bytes were already read by the sniffer: they are read again first. */
public final class ReplayConnection extends LayeredConnection {
    private final InputStream in;

    public ReplayConnection(Connection inner, byte[] consumed) throws IOException {
        super(inner, "");
        this.in = consumed.length == 0 ? inner.input()
                : new SequenceInputStream(new ByteArrayInputStream(consumed), inner.input());
    }

    @Override
    public Optional<Socket> tcpSocket() {
        return below.tcpSocket();
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() throws IOException {
        return below.output();
    }
}
