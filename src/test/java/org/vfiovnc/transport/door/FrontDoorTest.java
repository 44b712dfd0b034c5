package org.vfiovnc.transport.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.transport.ConnectionHandler;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.RawClient;
import org.vfiovnc.transport.tcp.TcpListener;
import org.vfiovnc.transport.tls.SelfSignedCertificate;
import org.vfiovnc.transport.tls.TlsServer;

/**
 * One port for native viewers and browsers: a silent client gets the RFB greeting, a WebSocket
 * client (the JDK's own, an independent implementation) gets RFB in binary messages, and the
 * WebSocket-only listener refuses plain RFB. A WebSocket from another site's page, or a request
 * that names a foreign host on a loopback address (DNS rebinding), gets 403 and no RFB. A flood at
 * the door from one address leaves room for the others, and a client trickling its first bytes is
 * cut off at one deadline for sniffing, TLS and the HTTP head.
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

    /** A connection from {@code local} that starts an HTTP request and never ends it. */
    private static Socket halfRequest(String local, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    @Test
    void aFloodAtTheDoorFromOneAddressDoesNotKeepAnotherOut() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < FrontDoor.MAX_AT_THE_DOOR; i++) {
                flood.add(halfRequest("127.0.0.1", server.port()));
            }
            Thread.sleep(500); // the door has taken (or closed) them all
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress("127.0.0.2", 0));
                s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
                s.setSoTimeout(5000);
                byte[] greeting = new byte[12];
                new DataInputStream(s.getInputStream()).readFully(greeting);
                assertEquals("RFB 003.008\n", new String(greeting, StandardCharsets.US_ASCII),
                        "another address is served while one floods the door");
            }
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http", "tls"})
    void aClientTricklingAtTheDoorIsCutOffAtTheDeadline(String kind) throws Exception {
        TlsServer tls = SelfSignedCertificate.loadOrCreate(Files.createTempDirectory("tls"), List.of());
        ConnectionHandler rfbStandIn = c -> c.close();
        int deadlineMs = 1500;
        try (TcpListener door = new TcpListener(new ListenAddress("127.0.0.1", 0),
                new FrontDoor(rfbStandIn, TransportOptions.sniffing(null, tls), true, 120, deadlineMs))) {
            door.start();
            // An HTTP head, or a TLS record of 512 bytes, one byte every 300 ms: no single read waits long.
            byte[] first = kind.equals("http") ? "GET / HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)
                    : new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01};
            try (Socket s = new Socket("127.0.0.1", door.boundAddress().port())) {
                s.setSoTimeout(300);
                long t0 = System.nanoTime();
                s.getOutputStream().write(first);
                long closedAfterMs = -1;
                while (closedAfterMs < 0 && System.nanoTime() - t0 < 8_000_000_000L) {
                    try {
                        if (s.getInputStream().read() < 0) {
                            closedAfterMs = (System.nanoTime() - t0) / 1_000_000;
                        }
                    } catch (java.net.SocketTimeoutException stillOpen) {
                        try {
                            s.getOutputStream().write('x');
                        } catch (IOException reset) {
                            closedAfterMs = (System.nanoTime() - t0) / 1_000_000;
                        }
                    } catch (IOException reset) {
                        closedAfterMs = (System.nanoTime() - t0) / 1_000_000;
                    }
                }
                assertTrue(closedAfterMs >= 0, "a client trickling bytes was still served after 8 s");
                assertTrue(closedAfterMs >= deadlineMs - 200 && closedAfterMs < deadlineMs + 3000,
                        "closed after " + closedAfterMs + " ms, deadline " + deadlineMs);
            }
        }
    }
}
