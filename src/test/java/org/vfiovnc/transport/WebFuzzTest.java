package org.vfiovnc.transport;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.vfiovnc.rfb.SessionFuzzing;
import org.vfiovnc.testing.MemoryConnection;
import org.vfiovnc.transport.http.HttpRequest;
import org.vfiovnc.transport.http.HttpRequestReader;
import org.vfiovnc.transport.http.HttpsRedirect;
import org.vfiovnc.transport.http.OriginPolicy;
import org.vfiovnc.transport.http.WebOrigin;
import org.vfiovnc.transport.websocket.FrameReader;
import org.vfiovnc.transport.websocket.WebSocketConnection;
import org.vfiovnc.transport.websocket.WebSocketHandshake;

/**
 * Fuzzes what a browser-side client sends: the HTTP request head, its Origin and Host checks, the
 * redirect to https (its Location stays one printable URL) and the WebSocket upgrade, WebSocket frames, and a whole RFB session carried in WebSocket frames into a
 * real server session. Only IOExceptions (bad request, bad frame, protocol error, end of input) are
 * acceptable; the origin target also checks that nothing but the page's own loopback origin passes.
 * Regression inputs: src/test/resources/org/vfiovnc/transport/WebFuzzTestInputs/.
 */
class WebFuzzTest {

    @BeforeAll
    static void quiet() {
        SessionFuzzing.quiet();
    }

    @AfterAll
    static void restore() {
        SessionFuzzing.restore();
    }

    @FuzzTest
    void httpUpgrade(byte[] data) {
        try {
            HttpRequest req = HttpRequestReader.read(new ByteArrayInputStream(data));
            boolean upgrade = WebSocketHandshake.isUpgrade(req);
            for (OriginPolicy p : POLICIES) {
                for (int flags = 0; flags < 4; flags++) {
                    p.refusal(req, (flags & 1) != 0, (flags & 2) != 0, upgrade);
                }
            }
            if (upgrade) {
                WebSocketHandshake.respond(req);
            } else {
                String location = HttpsRedirect.to(req).headers().get("Location");
                if (location != null && !location.matches("https://[\\x21-\\x7e]+")) {
                    throw new AssertionError("a redirect to " + location);
                }
            }
        } catch (IOException expected) {
            // bad request: answered with 400 and closed
        }
    }

    private static final List<OriginPolicy> POLICIES = List.of(OriginPolicy.sameOrigin(),
            OriginPolicy.allowing("https://console.example:8443,http://[::1]:8080"), OriginPolicy.allowing("*"));

    /**
     * A Host and an Origin header (split at the first newline) as any page or DNS rebinding may
     * produce them: on a loopback listener with no --allow-origin, only an Origin naming the very
     * loopback host and port of the Host header may pass.
     */
    @FuzzTest
    void originAndHost(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int nl = text.indexOf('\n');
        String host = nl < 0 ? text : text.substring(0, nl);
        String origin = nl < 0 ? null : text.substring(nl + 1);
        Map<String, String> headers = origin == null ? Map.of("host", host) : Map.of("host", host, "origin", origin);
        HttpRequest req = new HttpRequest("GET", "/websockify", "HTTP/1.1", headers);
        for (boolean tls : new boolean[] {false, true}) {
            if (POLICIES.get(0).refusal(req, tls, true, true) == null) {
                WebOrigin self = WebOrigin.ofHost(tls ? "https" : "http", host);
                WebOrigin o = WebOrigin.parse(origin);
                if (self == null || !self.isLoopbackName() || origin != null && (o == null || !o.sameHostAndPort(self))) {
                    throw new AssertionError("accepted Host " + host + " with Origin " + origin);
                }
            }
        }
    }

    @FuzzTest
    void frames(byte[] data) {
        FrameReader r = new FrameReader(new ByteArrayInputStream(data), 1 << 16, true);
        try {
            for (int i = 0; i < 10_000 && r.read() != null; i++) {
                // read until the end or a bad frame
            }
        } catch (IOException expected) {
            // bad frame: the connection is closed
        }
    }

    @FuzzTest
    void rfbOverWebSocket(byte[] frames) throws IOException {
        MemoryConnection memory = new MemoryConnection(frames);
        SessionFuzzing.runSession(new WebSocketConnection(memory, 1 << 16), memory::closed);
    }
}
