package org.vfiovnc.transport.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.RawClient;

/**
 * One port for native viewers and browsers: a silent client gets the RFB greeting, a WebSocket
 * client (the JDK's own, an independent implementation) gets RFB in binary messages, and the
 * WebSocket-only listener refuses plain RFB. A WebSocket from another site's page, or a request
 * that names a foreign host on a loopback address (DNS rebinding), gets 403 and no RFB.
 */
class FrontDoorTest {
    private static VncServer server;

    @BeforeAll
    static void start() throws IOException {
        server = VncServer.start(new DemoSource(320, 200, true), TestServer.fastPacing(),
                RfbConfig.defaults(List.of(new NoneSecurity())), NoInputSink.INSTANCE, new ListenAddress("127.0.0.1", 0),
                TransportOptions.sniffing(null, null).withWebSocketListener(new ListenAddress("127.0.0.1", 0)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSilentClientGetsTheRfbGreeting() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            byte[] greeting = new byte[12];
            new DataInputStream(s.getInputStream()).readFully(greeting);
            assertEquals("RFB 003.008\n", new String(greeting, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void theJdkWebSocketClientSpeaksRfbOnBothPorts() throws Exception {
        // The browser-only port first: it waits longer for a first request, so the JDK client's
        // one-time start-up cost cannot make it look like a silent RFB viewer on the main port.
        for (ListenAddress a : List.of(server.addresses().get(1), server.addresses().get(0))) {
            CompletableFuture<String> greeting = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("binary")
                    .buildAsync(URI.create("ws://127.0.0.1:" + a.port() + "/some/path"), new WebSocket.Listener() {
                        private final StringBuilder got = new StringBuilder();

                        @Override
                        public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                            got.append(StandardCharsets.US_ASCII.decode(data));
                            if (got.length() >= 12) {
                                greeting.complete(got.toString());
                            }
                            w.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            assertEquals("binary", ws.getSubprotocol());
            assertEquals("RFB 003.008\n", greeting.get(10, TimeUnit.SECONDS));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theWebSocketOnlyPortClosesPlainRfbClients() throws IOException {
        int wsPort = server.addresses().get(1).port();
        String got = RawClient.exchange(wsPort, new byte[0]);
        assertTrue(got.isEmpty(), "expected a silent close, got: " + got);
        assertEquals(404, RawClient.status(RawClient.get(wsPort, "/")), "no web directory configured here");
    }

    /** Sends an upgrade request with {@code host} and {@code origin} (either may be null); returns the response head. */
    static String upgradeHead(int port, String host, String origin) throws IOException {
        StringBuilder req = new StringBuilder("GET /websockify HTTP/1.1\r\n");
        if (host != null) {
            req.append("Host: ").append(host).append("\r\n");
        }
        if (origin != null) {
            req.append("Origin: ").append(origin).append("\r\n");
        }
        req.append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            // Up to the end of the head only: after a 101 the server waits for the RFB client.
            java.io.InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            int c;
            while (head.indexOf("\r\n\r\n") < 0 && (c = in.read()) >= 0) {
                head.append((char) c);
            }
            return head.toString();
        }
    }

    @Test
    void anUpgradeFromAnotherSitesPageGets403AndIsLoggedWithItsOrigin() throws Exception {
        int port = server.port();
        try (LogCapture log = new LogCapture()) {
            String evil = upgradeHead(port, "127.0.0.1:" + port, "https://evil.example");
            assertEquals(403, RawClient.status(evil), evil);
            assertFalse(evil.contains("RFB"), evil);
            assertNotNull(log.await("origin https://evil.example", 5), log.dump());
        }
        assertEquals(101, RawClient.status(upgradeHead(port, "127.0.0.1:" + port, "http://127.0.0.1:" + port)),
                "the page this server serves");
        assertEquals(101, RawClient.status(upgradeHead(port, "127.0.0.1:" + port, null)), "no Origin: not a browser");
        assertEquals(403, RawClient.status(upgradeHead(port, "127.0.0.1:" + port, "http://127.0.0.1:" + (port + 1))));
        int wsPort = server.addresses().get(1).port();
        assertEquals(403, RawClient.status(upgradeHead(wsPort, "127.0.0.1:" + wsPort, "https://evil.example")),
                "the browser-only listener too");
    }

    @Test
    void aForeignHostOnTheLoopbackAddressGets403() throws Exception {
        int port = server.port();
        // DNS rebinding: rebind.example now resolves to 127.0.0.1, so its page is "same-origin".
        String rebound = upgradeHead(port, "rebind.example:" + port, "http://rebind.example:" + port);
        assertEquals(403, RawClient.status(rebound), rebound);
        String page = RawClient.exchange(port, ("GET / HTTP/1.1\r\nHost: rebind.example:" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(403, RawClient.status(page), page);
        assertEquals(403, RawClient.status(upgradeHead(port, null, null)), "no Host at all");
        assertEquals(101, RawClient.status(upgradeHead(port, "localhost:" + port, "http://localhost:" + port)));
    }
}
