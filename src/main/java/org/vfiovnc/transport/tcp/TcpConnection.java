package org.vfiovnc.transport.tcp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import org.vfiovnc.transport.Connection;

/**
 * A plain TCP connection. Output is buffered: the RFB writer flushes once per message batch.
 *
 * <p>Why a channel under the socket: a {@link Socket} from a {@code ServerSocket} turns its file
 * descriptor non-blocking for good at the first timed read (the sniffer's and the handshake's), and
 * from then on every read is a failed read, a poll and a second read. A blocking channel keeps
 * reads with no timeout one blocking system call: the viewer's thread sleeps in the kernel until
 * its next message, at a third of the calls per message.
 */
public final class TcpConnection implements Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** @param channel an accepted channel in blocking mode */
    public TcpConnection(SocketChannel channel) throws IOException {
        this.socket = channel.socket();
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    @Override
    public Optional<Socket> tcpSocket() {
        return Optional.of(socket);
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
