package org.vfiovnc.transport.door;

import java.io.IOException;
import java.net.InetAddress;
import java.util.logging.Logger;
import org.vfiovnc.transport.Connection;
import org.vfiovnc.transport.ConnectionDeadline;
import org.vfiovnc.transport.ConnectionHandler;
import org.vfiovnc.transport.ConnectionSlots;
import org.vfiovnc.transport.http.BadRequestException;
import org.vfiovnc.transport.http.HttpRequest;
import org.vfiovnc.transport.http.HttpRequestReader;
import org.vfiovnc.transport.http.HttpResponse;
import org.vfiovnc.transport.http.PathRedirect;
import org.vfiovnc.transport.http.HttpsRedirect;
import org.vfiovnc.transport.http.OriginPolicy;
import org.vfiovnc.transport.http.StaticFiles;
import org.vfiovnc.transport.sniff.ProtocolSniffer;
import org.vfiovnc.transport.sniff.RecentBrowsers;
import org.vfiovnc.transport.sniff.Sniffed;
import org.vfiovnc.transport.tls.TlsServer;
import org.vfiovnc.transport.websocket.WebSocketConnection;
import org.vfiovnc.transport.websocket.WebSocketHandshake;

/**
 * Where every accepted connection enters: it sniffs what the client speaks and stacks the layers -
 * TLS (then sniffs again inside), HTTP for the web page, WebSocket for noVNC, or plain RFB - and
 * hands RFB streams to the RFB server. Each connection is sniffed on its own thread so a slow
 * client never holds up the accept loop; the door has a limited number of places, a share of them
 * per address, and one deadline for everything before the hand-over.
 */
public final class FrontDoor implements ConnectionHandler {
    private static final Logger LOG = Logger.getLogger(FrontDoor.class.getName());
    private static final int HTTP_HEAD_TIMEOUT_MS = 10_000;
    /** On a browser-only port nobody waits for a greeting, so a slow client may take its time. */
    public static final int BROWSER_ONLY_WAIT_MS = 3_000;
    /**
     * Connections being sniffed (or in a TLS or HTTP head) at once. A flood beyond it is closed at
     * once, so it costs neither threads nor log lines; the RFB server limits the handshakes after.
     */
    static final int MAX_AT_THE_DOOR = 128;
    /** Places one address (an IPv6 /64) may hold: above a browser's 6 parallel page fetches, far below the total. */
    static final int MAX_AT_THE_DOOR_PER_ADDRESS = 16;
    /**
     * Time for sniffing, a TLS handshake and an HTTP request head together. Each read also has its
     * own timeout, but only a total stops a client that sends one byte every few seconds.
     */
    static final int DOOR_DEADLINE_MS = 15_000;
    /** Time to send a page's answer (small files): a client that stops reading is cut off after it. */
    private static final int RESPONSE_DEADLINE_MS = 60_000;

    private final DoorRoutes routes;
    private final StaticFiles web;
    private final TlsServer tls;
    private final OriginPolicy origins;
    private final boolean requireTls;
    private final boolean acceptPlainRfb;
    private final ProtocolSniffer sniffer;
    private final int sniffWaitMs;
    private final int deadlineMs;
    private final RecentBrowsers browsers = new RecentBrowsers();
    private final ConnectionSlots atTheDoor = new ConnectionSlots(MAX_AT_THE_DOOR, MAX_AT_THE_DOOR_PER_ADDRESS);

    /**
     * @param options        the page's files (null: page requests get 404), the TLS setup (or null)
     *                       and the origins allowed to open a WebSocket
     * @param acceptPlainRfb false for a WebSocket-only listener
     */
    public FrontDoor(ConnectionHandler rfb, TransportOptions options, boolean acceptPlainRfb, int sniffWaitMs) {
        this(DoorRoutes.single(rfb), options, acceptPlainRfb, sniffWaitMs, DOOR_DEADLINE_MS);
    }

    /** For a port several displays share: {@code routes} says which display a connection goes to. */
    public FrontDoor(DoorRoutes routes, TransportOptions options, boolean acceptPlainRfb, int sniffWaitMs) {
        this(routes, options, acceptPlainRfb, sniffWaitMs, DOOR_DEADLINE_MS);
    }

    /** With one display and another deadline for what happens at the door (tests). */
    FrontDoor(ConnectionHandler rfb, TransportOptions options, boolean acceptPlainRfb, int sniffWaitMs, int deadlineMs) {
        this(DoorRoutes.single(rfb), options, acceptPlainRfb, sniffWaitMs, deadlineMs);
    }

    private FrontDoor(DoorRoutes routes, TransportOptions options, boolean acceptPlainRfb, int sniffWaitMs, int deadlineMs) {
        this.deadlineMs = deadlineMs;
        this.routes = routes;
        this.web = options.web();
        this.tls = options.tls();
        this.origins = options.origins();
        this.requireTls = options.requireTls();
        this.acceptPlainRfb = acceptPlainRfb;
        this.sniffer = new ProtocolSniffer(sniffWaitMs);
        this.sniffWaitMs = sniffWaitMs;
    }

    @Override
    public void handle(Connection connection) {
        InetAddress from = connection.remoteAddress();
        String full = atTheDoor.tryTake(from);
        if (full != null) {
            LOG.fine(() -> "closing " + connection.describe() + ": already " + full + " at the door");
            connection.close();
            return;
        }
        // Read before any layer wraps the socket: which address the client came to.
        boolean loopback = connection.tcpSocket().map(sock -> sock.getLocalAddress().isLoopbackAddress()).orElse(false);
        Thread t = new Thread(() -> {
            try (ConnectionDeadline deadline = new ConnectionDeadline(ConnectionDeadline.sharedTimer(), connection,
                    deadlineMs, "sniffing, TLS handshake and HTTP request head")) {
                route(connection, false, loopback, deadline);
            } finally {
                atTheDoor.release(from);
            }
        }, "door-" + connection.describe());
        t.setDaemon(true);
        try {
            t.start();
        } catch (OutOfMemoryError e) {
            atTheDoor.release(from);
            connection.close();
        }
    }

    private void route(Connection c, boolean insideTls, boolean loopback, ConnectionDeadline deadline) {
        try {
            Sniffed s = sniffer.sniff(c, browsers.waitFor(c.remoteAddress(), sniffWaitMs));
            switch (s.protocol()) {
                case TLS -> {
                    if (tls == null || insideTls) {
                        refuse(c, insideTls ? "TLS inside TLS" : "TLS client, but no --tls-cert or --tls-generate is configured");
                        return;
                    }
                    route(tls.accept(s.connection(), s.consumed()), true, loopback, deadline);
                }
                case HTTP -> serveHttp(s.connection(), loopback, deadline);
                case RFB -> {
                    ConnectionHandler rfb = acceptPlainRfb ? routes.nativeViewers() : null;
                    if (rfb == null) {
                        refuse(c, acceptPlainRfb ? "a native viewer on a port several displays share: it connects to"
                                + " a display's own port" : "not an HTTP or TLS client on a WebSocket-only port");
                        return;
                    }
                    deadline.close(); // the RFB server times its handshake itself
                    rfb.handle(s.connection());
                }
            }
        } catch (IOException | RuntimeException e) {
            refuse(c, deadline.expired() != null ? deadline.expired() : e.getMessage());
        }
    }

    private void serveHttp(Connection c, boolean loopback, ConnectionDeadline deadline) throws IOException {
        HttpRequest req;
        c.setReadTimeout(HTTP_HEAD_TIMEOUT_MS);
        try {
            req = HttpRequestReader.read(c.input());
        } catch (BadRequestException e) {
            HttpResponse.text(400, "Bad Request", e.getMessage()).writeTo(c.output(), false);
            refuse(c, "bad HTTP request: " + e.getMessage());
            return;
        }
        c.setReadTimeout(0);
        browsers.sawHttp(c.remoteAddress());
        boolean upgrade = WebSocketHandshake.isUpgrade(req);
        String denied = origins.refusal(req, c.isEncrypted(), loopback, upgrade);
        if (denied != null) {
            HttpResponse.text(403, "Forbidden", denied).writeTo(c.output(), false);
            refuse(c, (upgrade ? "WebSocket" : "HTTP") + " refused: " + denied);
            return;
        }
        DoorRoutes.Route route;
        try {
            route = routes.route(req, c.remoteAddress());
        } catch (DoorRoutes.Refused e) {
            HttpResponse.text(403, "Forbidden", e.getMessage()).writeTo(c.output(), req.method().equals("HEAD"));
            refuse(c, (upgrade ? "WebSocket" : "HTTP") + " for " + HttpRequest.printable(req.path()) + " refused: "
                    + e.getMessage());
            return;
        }
        if (route == null || upgrade && route.rfb() == null) {
            HttpResponse.text(404, "Not Found", "no display here; each display is at " + DisplayRoutes.PREFIX + "NAME/")
                    .writeTo(c.output(), req.method().equals("HEAD"));
            refuse(c, (upgrade ? "WebSocket" : "HTTP") + " for " + HttpRequest.printable(req.path()) + ": no display there");
            return;
        }
        if (upgrade) {
            HttpResponse r = WebSocketHandshake.respond(req);
            r.writeTo(c.output(), false);
            if (r.status() != 101) {
                refuse(c, "bad WebSocket upgrade: " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).trim());
                return;
            }
            deadline.close(); // the RFB server times its handshake itself
            route.rfb().handle(new WebSocketConnection(c, WebSocketConnection.DEFAULT_MAX_PAYLOAD));
            return;
        }
        deadline.arm(RESPONSE_DEADLINE_MS, "sending the answer to an HTTP request");
        HttpResponse r = requireTls && !c.isEncrypted() ? HttpsRedirect.to(req)
                : route.answer() != null ? route.answer()
                : route.pagePath() == null ? PathRedirect.toDirectory(req)
                : web != null ? web.respond(req.withPath(route.pagePath()))
                : HttpResponse.text(404, "Not Found", "no web client is configured on this server");
        r.writeTo(c.output(), req.method().equals("HEAD"));
        LOG.fine(() -> c.describe() + " " + req.method() + " " + req.path() + " -> " + r.status());
        c.close();
    }

    private static void refuse(Connection c, String why) {
        LOG.warning("closing " + c.describe() + ": " + why);
        c.close();
    }
}
