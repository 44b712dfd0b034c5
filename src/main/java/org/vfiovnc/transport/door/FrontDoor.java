package org.vfiovnc.transport.door;

import java.io.IOException;
import java.util.logging.Logger;
import org.vfiovnc.transport.Connection;
import org.vfiovnc.transport.ConnectionHandler;
import org.vfiovnc.transport.http.BadRequestException;
import org.vfiovnc.transport.http.HttpRequest;
import org.vfiovnc.transport.http.HttpRequestReader;
import org.vfiovnc.transport.http.HttpResponse;
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
    private final boolean acceptPlainRfb;
    private final ProtocolSniffer sniffer;
    private final int sniffWaitMs;
    private final RecentBrowsers browsers = new RecentBrowsers();
    private final java.util.concurrent.Semaphore atTheDoor = new java.util.concurrent.Semaphore(MAX_AT_THE_DOOR);

    /**
     * @param web            the page's files, or null to answer page requests with 404
     * @param tls            the server's TLS setup, or null when TLS is not configured
     * @param acceptPlainRfb false for a WebSocket-only listener
     */
    public FrontDoor(ConnectionHandler rfb, StaticFiles web, TlsServer tls, boolean acceptPlainRfb, int sniffWaitMs) {
        this.rfb = rfb;
        this.web = web;
        this.tls = tls;
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
        Thread t = new Thread(() -> {
            try {
                route(connection, false);
            } finally {
                atTheDoor.release();
            }
        }, "door-" + connection.describe());
        t.setDaemon(true);
        t.start();
    }

    private void route(Connection c, boolean insideTls) {
        try {
            Sniffed s = sniffer.sniff(c, browsers.waitFor(c.remoteAddress(), sniffWaitMs));
            switch (s.protocol()) {
                case TLS -> {
                    if (tls == null || insideTls) {
                        refuse(c, insideTls ? "TLS inside TLS" : "TLS client, but no --tls-cert or --tls-generate is configured");
                        return;
                    }
                    route(tls.accept(s.connection(), s.consumed()), true);
                }
                case HTTP -> serveHttp(s.connection());
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

    private void serveHttp(Connection c) throws IOException {
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
        if (WebSocketHandshake.isUpgrade(req)) {
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
