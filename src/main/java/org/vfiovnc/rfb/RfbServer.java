package org.vfiovnc.rfb;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import org.vfiovnc.damage.RefreshLoop;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.transport.Connection;
import org.vfiovnc.transport.ConnectionHandler;

/**
 * Serves one display to any number of viewers: takes connections from any transport, runs each
 * viewer's session on its own threads and applies the share policy and the client limit.
 */
public final class RfbServer implements ConnectionHandler, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RfbServer.class.getName());

    private final RfbConfig config;
    private final RefreshLoop loop;
    private final InputSink input;
    private final List<ClientSession> sessions = new CopyOnWriteArrayList<>();
    private final EncodingStats stats = new EncodingStats();

    public RfbServer(RfbConfig config, RefreshLoop loop, InputSink input) {
        this.config = config;
        this.loop = loop;
        this.input = input;
    }

    RfbConfig config() {
        return config;
    }

    RefreshLoop loop() {
        return loop;
    }

    InputSink input() {
        return input;
    }

    public EncodingStats stats() {
        return stats;
    }

    /** Connected (admitted) viewers. */
    public int clientCount() {
        return sessions.size();
    }

    @Override
    public void handle(Connection connection) {
        ClientSession s = new ClientSession(this, connection);
        Thread t = new Thread(s::run, "rfb-" + connection.describe());
        t.setDaemon(true);
        t.start();
    }

    /** Admits a viewer after its ClientInit, applying the share policy; throws to refuse it. */
    synchronized void admit(ClientSession s, boolean shared) throws ProtocolException {
        if (sessions.size() >= config.maxClients()) {
            throw new ProtocolException("too many clients (limit " + config.maxClients() + ")");
        }
        if (!shared) {
            switch (config.sharePolicy()) {
                case DISCONNECT_OTHERS:
                    for (ClientSession other : sessions) {
                        other.close("another viewer asked for exclusive access");
                    }
                    break;
                case REFUSE_NEW:
                    if (!sessions.isEmpty()) {
                        throw new ProtocolException("exclusive access refused: other viewers are connected");
                    }
                    break;
                case ALWAYS_SHARED:
                default:
                    break;
            }
        } else if (config.sharePolicy() == SharePolicy.REFUSE_NEW) {
            for (ClientSession other : sessions) {
                if (!other.isShared()) {
                    throw new ProtocolException("a viewer holds exclusive access");
                }
            }
        }
        sessions.add(s);
    }

    void remove(ClientSession s) {
        sessions.remove(s);
    }

    void authenticationFailed(InetAddress from) {
        LOG.warning("authentication failed from " + (from == null ? "?" : from.getHostAddress()));
    }

    /** Disconnects every viewer (the display and transports are closed by their owners). */
    @Override
    public void close() {
        for (ClientSession s : sessions) {
            s.close("server shutting down");
        }
    }
}
