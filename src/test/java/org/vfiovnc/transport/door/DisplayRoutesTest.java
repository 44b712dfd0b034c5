package org.vfiovnc.transport.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.transport.Connection;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.RawClient;
import org.vfiovnc.transport.http.StaticFiles;
import org.vfiovnc.transport.tcp.TcpListener;

/**
 * A port several displays share: /vm/NAME/ serves the page and sends its WebSocket to display
 * NAME and no other; /vm/NAME gets the slash added; other paths, removed displays and native
 * viewers (who bring no path) get nothing.
 */
class DisplayRoutesTest {
    @TempDir
    Path web;

    private final DisplayRoutes routes = new DisplayRoutes();
    private TcpListener listener;

    @BeforeEach
    void start() throws IOException {
        Files.writeString(web.resolve("index.html"), "the page");
        Files.writeString(web.resolve("app.js"), "the script");
        routes.put("alpha", NameSayingDisplay.saying("alpha"));
        routes.put("beta.2", NameSayingDisplay.saying("beta"));
        listener = new TcpListener(new ListenAddress("127.0.0.1", 0),
                new FrontDoor(routes, TransportOptions.sniffing(new StaticFiles(web), null), true, 120));
        listener.start();
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    private int port() {
        return listener.boundAddress().port();
    }

    @Test
    void eachDisplaysPageLivesUnderItsPath() throws IOException {
        String page = RawClient.get(port(), "/vm/alpha/");
        assertEquals(200, RawClient.status(page), page);
        assertTrue(page.endsWith("the page"), page);
        assertTrue(RawClient.get(port(), "/vm/beta.2/app.js").endsWith("the script"));
        String redirect = RawClient.get(port(), "/vm/alpha?autoconnect=0");
        assertEquals(301, RawClient.status(redirect), redirect);
        assertTrue(redirect.contains("\r\nLocation: /vm/alpha/?autoconnect=0\r\n"), redirect);
        for (String nowhere : new String[] {"/", "/index.html", "/vm/", "/vm/gamma/", "/vm/../vm/alpha/", "/vm/alpha/../x"}) {
            String r = RawClient.get(port(), nowhere);
            assertEquals(404, RawClient.status(r), nowhere + ": " + r);
        }
    }

    @Test
    void aWebSocketReachesOnlyTheDisplayItsPathNames() throws Exception {
        assertEquals("alpha", greeting("/vm/alpha/websockify"));
        assertEquals("beta", greeting("/vm/beta.2/websockify"));
        assertEquals("beta", greeting("/vm/beta.2"));
        routes.remove("beta.2", routes.route("/vm/beta.2/").rfb());
        assertEquals(404, RawClient.status(RawClient.get(port(), "/vm/beta.2/")));
        assertEquals("alpha", greeting("/vm/alpha/websockify"), "the other display is untouched");
    }

    @Test
    void nativeViewersBringNoPathAndAreClosed() throws IOException {
        String got = RawClient.exchange(port(), new byte[0]);
        assertTrue(got.isEmpty(), "expected a silent close, got: " + got);
    }

    @Test
    void namesAreOnePlainPathSegment() {
        for (String bad : new String[] {"", ".", "..", ".hidden", "-x", "a/b", "a b", "a%2f", "x".repeat(65)}) {
            assertTrue(!DisplayRoutes.isValidName(bad), bad);
        }
        for (String good : new String[] {"a", "win11", "lab-2.vm", "A_b", "x".repeat(64)}) {
            assertTrue(DisplayRoutes.isValidName(good), good);
        }
    }

    /** What the display at {@code path} says over a WebSocket (the JDK's client). */
    private String greeting(String path) throws Exception {
        CompletableFuture<String> said = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port() + path), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                        said.complete(StandardCharsets.US_ASCII.decode(data).toString());
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                        said.complete("(closed)");
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            return said.get(10, TimeUnit.SECONDS);
        } finally {
            ws.abort();
        }
    }
}
