package org.vfiovnc.server;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;
import org.vfiovnc.protocol.ProtocolException;
import org.vfiovnc.rfb.PendingConnections;
import org.vfiovnc.rfb.RfbHandshake;
import org.vfiovnc.rfb.RfbServer;
import org.vfiovnc.rfb.security.AuthThrottle;
import org.vfiovnc.rfb.security.AuthenticationException;
import org.vfiovnc.rfb.security.PlainCheck;
import org.vfiovnc.rfb.security.SecurityPolicy;
import org.vfiovnc.rfb.security.VeNCryptSecurity;
import org.vfiovnc.rfb.security.VeNCryptSubtype;
import org.vfiovnc.transport.Connection;
import org.vfiovnc.transport.ConnectionHandler;
import org.vfiovnc.transport.tls.TlsServer;

/**
 * Native viewers on a host's shared port, where the user name picks the display: VeNCrypt with a
 * Plain subtype, the name {@code USER@DISPLAY}, checked against that display's users file. The
 * viewer then continues as one of that display's own viewers, with USER's permissions there.
 * Plain goes over TLS (X509Plain with the port's certificate, TLSPlain) or over a connection that
 * arrived encrypted; a viewer on plain TCP without those is told so. An unknown display fails like
 * a wrong password, at the same cost, and counts in the host's throttle.
 */
final class SharedPortLogins implements ConnectionHandler {
    private static final Logger LOG = Logger.getLogger(SharedPortLogins.class.getName());
    /** Version, security and the Plain exchange: a person may be typing the password meanwhile. */
    static final int LOGIN_TIMEOUT_MS = 60_000;

    private final Function<String, RfbServer> displays;
    private final AuthThrottle throttle;
    private final SecurityPolicy security;
    private final PendingConnections pending = new PendingConnections(32, 4);

    /**
     * @param tls      the shared port's TLS setup (X509Plain, TLSPlain), or null: then only
     *                 connections that arrived encrypted can log in
     * @param displays the RFB server of a running display by its name, or null
     */
    SharedPortLogins(TlsServer tls, Function<String, RfbServer> displays, AuthThrottle throttle) {
        this.displays = displays;
        this.throttle = throttle;
        List<VeNCryptSubtype> subtypes = new ArrayList<>();
        if (tls != null) {
            subtypes.add(VeNCryptSubtype.X509_PLAIN);
            subtypes.add(VeNCryptSubtype.TLS_PLAIN);
        }
        // Offered only where the connection is encrypted already (VeNCryptSecurity leaves it out elsewhere).
        subtypes.add(VeNCryptSubtype.PLAIN);
        this.security = SecurityPolicy.fixed(List.of(new VeNCryptSecurity(subtypes, tls, null, this::check, false)));
    }

    @Override
    public void handle(Connection c) {
        String full = pending.tryAdd(c);
        if (full != null) {
            LOG.warning("refused " + c.describe() + " at the shared port: " + full);
            c.close();
            return;
        }
        Thread t = new Thread(() -> login(c), "rfb-login-" + c.describe());
        t.setDaemon(true);
        try {
            t.start();
        } catch (OutOfMemoryError e) {
            pending.remove(c);
            c.close();
        }
    }

    private void login(Connection c) {
        InetAddress from = c.remoteAddress();
        RfbHandshake.Result r;
        try {
            c.setReadTimeout(LOGIN_TIMEOUT_MS);
            long blocked = throttle.blockedForMs(from);
            if (blocked > 0) {
                new RfbHandshake(security).refuse(c, "too many authentication failures; try again in "
                        + (blocked + 999) / 1000 + " s");
                throw new ProtocolException("address blocked after repeated authentication failures");
            }
            r = new RfbHandshake(security, new RfbHandshake.Watch() {
                @Override
                public void authenticationFailed() {
                    delay(throttle.failed(from));
                }
            }).run(c);
        } catch (IOException | RuntimeException e) {
            LOG.info("shared port: " + c.describe() + " not logged in: " + describe(e));
            c.close();
            return;
        } finally {
            pending.remove(c);
        }
        Login login = Login.parse(r.user());
        RfbServer display = login == null ? null : displays.apply(login.display());
        if (display == null) {
            LOG.info("shared port: " + c.describe() + " logged in to " + r.user() + ", which has gone meanwhile");
            r.connection().close();
            return;
        }
        throttle.succeeded(from);
        LOG.info("shared port: " + c.describe() + " is user " + login.user() + " of display " + login.display());
        display.adopt(new RfbHandshake.Result(r.connection(), r.minorVersion(), r.shared(), r.security(), true,
                login.user()));
    }

    /** The Plain check: USER@DISPLAY against the display's users file; no such display costs as much. */
    private boolean check(String name, char[] password) {
        Login login = Login.parse(name);
        RfbServer display = login == null ? null : displays.apply(login.display());
        PlainCheck users = display == null ? null : display.users();
        return (users != null ? users : PlainCheck.NOBODY).check(login == null ? name : login.user(), password);
    }

    private static String describe(Exception e) {
        if (e instanceof AuthenticationException) {
            return "authentication failed";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void delay(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A login name split at its last '@': the display's user, and the display. */
    record Login(String user, String display) {
        static Login parse(String name) {
            int at = name == null ? -1 : name.lastIndexOf('@');
            if (at <= 0 || at == name.length() - 1) {
                return null;
            }
            return new Login(name.substring(0, at), name.substring(at + 1));
        }
    }
}
