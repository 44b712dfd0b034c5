package org.vfiovnc.transport.tls;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.net.ssl.SSLSocket;
import org.vfiovnc.transport.Connection;
import org.vfiovnc.transport.LayeredConnection;

/** A connection after a completed TLS handshake; output buffered like TCP (flushed per message batch). */
public final class TlsConnection extends LayeredConnection {
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    TlsConnection(SSLSocket socket, Connection below) throws IOException {
        super(below, "tls");
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
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
    public void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public boolean isEncrypted() {
        return true;
    }

    /** The negotiated protocol and cipher suite, for logs. */
    public String session() {
        return socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite();
    }

    /**
     * Closes the TCP connection first, then the TLS layer: a TLS close would write close_notify and
     * could block on a viewer that stopped reading, holding up whoever is closing the session.
     */
    @Override
    public void close() {
        below.close();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
