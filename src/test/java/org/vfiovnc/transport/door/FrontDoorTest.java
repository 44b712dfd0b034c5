package org.vfiovnc.transport.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.RawClient;

/**
 * One port for native viewers and browsers: a silent client gets the RFB greeting, a WebSocket
 * client (the JDK's own, an independent implementation) gets RFB in binary messages, and the
 * WebSocket-only listener refuses plain RFB.
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
}
