package org.vfiovnc.transport.tcp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import org.vfiovnc.transport.Connection;

/** A plain TCP connection. Output is buffered: the RFB writer flushes once per message batch. */
public final class TcpConnection implements Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public TcpConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    public Socket socket() {
        return socket;
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
    public InetAddress remoteAddress() {
        return socket.getInetAddress();
    }

    @Override
    public String describe() {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort() + " tcp";
    }

    @Override
    public void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }
}
