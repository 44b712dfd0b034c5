package org.vfiovnc.transport.door;

import java.io.IOException;
import java.util.logging.Logger;
import org.vfiovnc.transport.Connection;
import org.vfiovnc.transport.ConnectionHandler;
import org.vfiovnc.transport.http.BadRequestException;
import org.vfiovnc.transport.http.HttpRequest;
import org.vfiovnc.transport.http.HttpRequestReader;
import org.vfiovnc.transport.http.HttpResponse;
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
 * client never holds up the accept loop.
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
    static final int MAX_AT_THE_DOOR = 64;

    private final ConnectionHandler rfb;
    private final StaticFiles web;
    private final TlsServer tls;
    private final OriginPolicy origins;
    private final boolean acceptPlainRfb;
    private final ProtocolSniffer sniffer;
    private final int sniffWaitMs;
    private final RecentBrowsers browsers = new RecentBrowsers();
    private final java.util.concurrent.Semaphore atTheDoor = new java.util.concurrent.Semaphore(MAX_AT_THE_DOOR);

    /**
     * @param options        the page's files (null: page requests get 404), the TLS setup (or null)
     *                       and the origins allowed to open a WebSocket
     * @param acceptPlainRfb false for a WebSocket-only listener
     */
    public FrontDoor(ConnectionHandler rfb, TransportOptions options, boolean acceptPlainRfb, int sniffWaitMs) {
        this.rfb = rfb;
        this.web = options.web();
        this.tls = options.tls();
        this.origins = options.origins();
        this.acceptPlainRfb = acceptPlainRfb;
        this.sniffer = new ProtocolSniffer(sniffWaitMs);
        this.sniffWaitMs = sniffWaitMs;
    }

    @Override
    public void handle(Connection connection) {
        if (!atTheDoor.tryAcquire()) {
            LOG.fine(() -> "closing " + connection.describe() + ": " + MAX_AT_THE_DOOR + " connections already at the door");
            connection.close();
            return;
        }
        // Read before any layer wraps the socket: which address the client came to.
        boolean loopback = connection.tcpSocket().map(sock -> sock.getLocalAddress().isLoopbackAddress()).orElse(false);
        Thread t = new Thread(() -> {
            try {
                route(connection, false, loopback);
            } finally {
                atTheDoor.release();
            }
        }, "door-" + connection.describe());
        t.setDaemon(true);
        t.start();
    }

    private void route(Connection c, boolean insideTls, boolean loopback) {
        try {
            Sniffed s = sniffer.sniff(c, browsers.waitFor(c.remoteAddress(), sniffWaitMs));
            switch (s.protocol()) {
                case TLS -> {
                    if (tls == null || insideTls) {
                        refuse(c, insideTls ? "TLS inside TLS" : "TLS client, but no --tls-cert or --tls-generate is configured");
                        return;
                    }
                    route(tls.accept(s.connection(), s.consumed()), true, loopback);
                }
                case HTTP -> serveHttp(s.connection(), loopback);
                case RFB -> {
                    if (!acceptPlainRfb) {
                        refuse(c, "not an HTTP or TLS client on a WebSocket-only port");
                        return;
                    }
                    rfb.handle(s.connection());
                }
            }
        } catch (IOException | RuntimeException e) {
            refuse(c, e.getMessage());
        }
    }

    private void serveHttp(Connection c, boolean loopback) throws IOException {
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
        if (upgrade) {
            HttpResponse r = WebSocketHandshake.respond(req);
            r.writeTo(c.output(), false);
            if (r.status() != 101) {
                refuse(c, "bad WebSocket upgrade: " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).trim());
                return;
            }
            rfb.handle(new WebSocketConnection(c, WebSocketConnection.DEFAULT_MAX_PAYLOAD));
            return;
        }
        HttpResponse r = web != null ? web.respond(req)
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
