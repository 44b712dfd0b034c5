package org.vfiovnc.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vfiovnc.transport.ConnectionHandler;
import org.vfiovnc.transport.ListenAddress;

/** Accepts TCP connections on one address and hands each to a handler (as blocking channels: see {@link TcpConnection}). */
public final class TcpListener implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TcpListener.class.getName());

    private final ServerSocketChannel server;
    private final ListenAddress bound;
    private final ConnectionHandler handler;
    private final Thread thread;
    private volatile boolean open = true;

    public TcpListener(ListenAddress address, ConnectionHandler handler) throws IOException {
        this(bind(address), handler, "accept-" + address);
    }

    /** Accepts on a socket that is bound and listening already: one handed over by systemd's socket activation. */
    public TcpListener(ServerSocketChannel listening, ConnectionHandler handler) throws IOException {
        this(listening, handler, "accept-inherited");
    }

    private TcpListener(ServerSocketChannel listening, ConnectionHandler handler, String threadName) throws IOException {
        this.handler = handler;
        this.server = listening;
        listening.configureBlocking(true);
        InetSocketAddress a = (InetSocketAddress) server.getLocalAddress();
        this.bound = new ListenAddress(a.getAddress().getHostAddress(), a.getPort());
        this.thread = new Thread(this::acceptLoop, threadName);
        thread.setDaemon(true);
    }

    private static ServerSocketChannel bind(ListenAddress address) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        try {
            server.bind(address.resolve(), 64);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        return server;
    }

    public void start() {
        thread.start();
    }

    /** Whether connections are still being accepted: the listener is open and its accept loop runs. */
    public boolean accepting() {
        return open && thread.isAlive();
    }

    /** The bound address (the real port when 0 was asked for). */
    public ListenAddress boundAddress() {
        return bound;
    }

    private void acceptLoop() {
        while (open) {
            SocketChannel s;
            try {
                s = server.accept();
            } catch (ClosedChannelException e) {
                if (open) {
                    LOG.log(Level.WARNING, "listener closed under the accept loop: " + e);
                }
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "accept failed: " + e.getMessage());
                continue;
            }
            try {
                handler.handle(new TcpConnection(s));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "dropping connection from " + s.socket().getRemoteSocketAddress() + ": " + e);
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
