package org.vfiovnc.rfb;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.input.GuestLink;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.protocol.ProtocolException;
import org.vfiovnc.rfb.security.AuthThrottle;
import org.vfiovnc.rfb.security.AuthenticationException;
import org.vfiovnc.rfb.security.PlainCheck;
import org.vfiovnc.rfb.video.VideoService;
import org.vfiovnc.transport.Connection;
import org.vfiovnc.transport.ConnectionHandler;

/**
 * Serves one display to any number of viewers: takes connections from any transport, runs each
 * viewer's session on its own threads and applies the share policy, the limits and the
 * authentication throttle.
 */
public final class RfbServer implements ConnectionHandler, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RfbServer.class.getName());
    /** How often blocked writes and silent viewers are looked for; a few wake-ups a second cost nothing when idle. */
    private static final long WATCH_MS = 250;
    /** Refusals under a flood are summarised at most this often. */
    private static final long REFUSAL_LOG_INTERVAL_MS = 10_000;

    private final RfbConfig config;
    private final DisplayFeed display;
    private final GuestLink guest;
    private final AuthThrottle throttle;
    private final List<ClientSession> sessions = new CopyOnWriteArrayList<>();
    private final EncodingStats stats = new EncodingStats();
    private final SharedUpdates sharedUpdates = new SharedUpdates();
    private final VideoService video;
    private final UpdateEncoding updateEncoding;
    private final SessionAdmission admission = new Admission();
    private final PendingConnections pending;
    private final ScheduledThreadPoolExecutor timer;
    private final SenderPool senders;
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private volatile long lastRefusalLogMs;
    private volatile boolean closed;

    public RfbServer(RfbConfig config, RefreshLoop loop, InputSink input) {
        this(config, loop, GuestLink.of(input), AuthThrottle.defaults());
    }

    public RfbServer(RfbConfig config, RefreshLoop loop, GuestLink guest) {
        this(config, loop, guest, AuthThrottle.defaults());
    }

    public RfbServer(RfbConfig config, RefreshLoop loop, InputSink input, AuthThrottle throttle) {
        this(config, loop, GuestLink.of(input), throttle);
    }

    public RfbServer(RfbConfig config, RefreshLoop loop, GuestLink guest, AuthThrottle throttle) {
        this.config = config;
        this.display = DisplayFeed.of(loop);
        this.guest = guest;
        this.throttle = throttle;
        this.pending = new PendingConnections(config.limits().maxPending(), config.limits().maxPendingPerAddress());
        this.video = VideoService.create(config.video());
        if (video.enabled()) {
            // Before any session: the video encoders hear of damage before a viewer can ask for it.
            video.start(display.attach(video));
        }
        this.updateEncoding = new UpdateEncoding(sharedUpdates, stats, this::clientCount, video);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "rfb-deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.senders = new SenderPool(SenderPool.defaultSize(), timer);
        timer.scheduleWithFixedDelay(this::watchSessions, WATCH_MS, WATCH_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Looks for viewers whose writes are blocked or who went silent (see {@link SessionWatchdog}),
     * and gives the sender threads one more for each blocked write.
     */
    private void watchSessions() {
        long now = System.nanoTime();
        int blocked = 0;
        for (ClientSession s : sessions) {
            if (s.watchdog().check(now)) {
                blocked++;
            }
        }
        senders.writesStalled(blocked);
        video.sweep();
    }

    public EncodingStats stats() {
        return stats;
    }

    /** Encodings of whole updates shared between viewers (see {@link SharedUpdates}). */
    SharedUpdates sharedUpdates() {
        return sharedUpdates;
    }

    /** Video for the viewers that list H.264 (see {@link VideoService}). */
    public VideoService video() {
        return video;
    }

    public AuthThrottle throttle() {
        return throttle;
    }

    /** Connected (admitted) viewers. */
    public int clientCount() {
        return sessions.size();
    }

    /** Connections still in the handshake. */
    public int pendingCount() {
        return pending.size();
    }

    @Override
    public void handle(Connection connection) {
        String full = pending.tryAdd(connection);
        if (full != null) {
            refused(connection, full);
            return;
        }
        long blocked = blockedForMs(connection.remoteAddress());
        Runnable work;
        if (blocked > 0) {
            // Answered with the reason but without a session, and logged only in the refusal summary:
            // a guesser must not be able to flood the log either.
            work = () -> refuseBlocked(connection, blocked);
        } else {
            work = newSession(connection)::run;
        }
        startThread(connection, work);
    }

    /** Runs a connection's life on a thread of its own. */
    private void startThread(Connection connection, Runnable work) {
        Thread t = new Thread(work, "rfb-" + connection.describe());
        t.setDaemon(true);
        try {
            t.start();
        } catch (OutOfMemoryError e) {
            // No thread to be had: refuse this one rather than fail the accept loop.
            pending.remove(connection);
            refused(connection, "cannot start a thread: " + e.getMessage());
        }
    }

    /**
     * Takes a viewer whose handshake was completed elsewhere: a host's shared port, where the user
     * name chose this display and this display's users file proved it. The session goes on from
     * its ClientInit under this server's admission (share policy, client limit) and permissions.
     */
    public void adopt(RfbHandshake.Result handshake) {
        Connection c = handshake.connection();
        SessionAdmission adopted = new SessionAdmission() {
            @Override
            public RfbHandshake.Result handshake(Connection connection) {
                return handshake;
            }

            @Override
            public void admit(ClientSession s, boolean shared) throws ProtocolException {
                admission.admit(s, shared);
            }

            @Override
            public void authenticationFailed(InetAddress from) {
                admission.authenticationFailed(from);
            }

            @Override
            public void remove(ClientSession s) {
                admission.remove(s);
            }
        };
        startThread(c, new ClientSession(c, config, adopted, display, guest, updateEncoding, senders)::run);
    }

    /** Who may log in to this display by user name and password (its users file), or null. */
    public PlainCheck users() {
        return config.security().users();
    }

    /** A session for a connection let in at the door; its {@code run} is the connection's whole life. */
    ClientSession newSession(Connection connection) {
        return new ClientSession(connection, config, admission, display, guest, updateEncoding, senders);
    }

    private long blockedForMs(InetAddress from) {
        boolean authenticates = config.security().authenticates();
        return authenticates ? throttle.blockedForMs(from) : 0;
    }

    private static String blockedReason(long ms) {
        return "too many authentication failures (from this address, or on this server); try again in "
                + ((ms + 999) / 1000) + " s";
    }

    private void refuseBlocked(Connection c, long blockedMs) {
        try {
            c.setReadTimeout(config.handshakeTimeoutMs());
            new RfbHandshake(config.security()).refuse(c, blockedReason(blockedMs));
        } catch (IOException | RuntimeException e) {
            // It is being turned away anyway.
        } finally {
            pending.remove(c);
            refused(c, "address blocked after repeated authentication failures");
        }
    }

    private void refused(Connection c, String why) {
        c.close();
        long n = refusedSinceLog.incrementAndGet();
        long now = System.currentTimeMillis();
        if (now - lastRefusalLogMs >= REFUSAL_LOG_INTERVAL_MS) {
            lastRefusalLogMs = now;
            refusedSinceLog.set(0);
            LOG.warning("refused " + n + " connection(s), latest from " + c.describe() + ": " + why);
        }
    }

    /** The server as its sessions see it: they get in and out through here. */
    private final class Admission implements SessionAdmission {
        /** Runs the handshake under its deadlines and the throttle, on the session's thread. */
        @Override
        public RfbHandshake.Result handshake(Connection c) throws IOException {
            InetAddress from = c.remoteAddress();
            HandshakeDeadline deadline = new HandshakeDeadline(timer, c, config.handshakeTimeoutMs(),
                    config.limits().authTimeoutMs(), () -> delayFailure(from));
            try {
                c.setReadTimeout(config.handshakeTimeoutMs());
                long blocked = blockedForMs(from);
                if (blocked > 0) {
                    // Blocked while this connection waited to start.
                    new RfbHandshake(config.security()).refuse(c, blockedReason(blocked));
                    throw new ProtocolException("address blocked after repeated authentication failures");
                }
                RfbHandshake.Result r = new RfbHandshake(config.security(), deadline).run(c);
                if (r.security().authenticates()) {
                    throttle.succeeded(from);
                }
                return r;
            } catch (AuthenticationException e) {
                throw e;
            } catch (IOException e) {
                String why = deadline.expired();
                if (why != null) {
                    throw new ProtocolException(why);
                }
                throw e;
            } finally {
                deadline.close();
                pending.remove(c);
            }
        }

        /** Records a failed login and holds the answer back, so guessing gets slow before it gets blocked. */
        private void delayFailure(InetAddress from) {
            long ms = throttle.failed(from);
            if (ms > 0) {
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Applies the share policy and the client limit; locks the server, as its close does. */
        @Override
        public void admit(ClientSession s, boolean shared) throws ProtocolException {
            synchronized (RfbServer.this) {
                admitLocked(s, shared);
            }
        }

        private void admitLocked(ClientSession s, boolean shared) throws ProtocolException {
            if (closed) {
                throw new ProtocolException("server shutting down");
            }
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

        @Override
        public void remove(ClientSession s) {
            sessions.remove(s);
        }

        @Override
        public void authenticationFailed(InetAddress from) {
            LOG.warning("authentication failed from " + (from == null ? "?" : from.getHostAddress()));
        }
    }

    /**
     * Disconnects every viewer and every connection still in the handshake (the display and
     * transports are closed by their owners). Closing the socket is how RFB says goodbye: there is
     * no server-to-client message for it after ServerInit.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        pending.closeAll();
        for (ClientSession s : sessions) {
            s.close("server shutting down");
        }
        senders.close();
        timer.shutdownNow();
        display.detach(video);
        video.close();
    }
}
