package org.vfiovnc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.VncAuthSecurity;
import org.vfiovnc.rfb.security.VncPassword;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.BrowserDriver;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.transport.door.TransportOptions;
import org.vfiovnc.transport.http.StaticFiles;
import org.vfiovnc.transport.tls.SelfSignedCertificate;
import org.vfiovnc.transport.tls.TlsServer;

/**
 * noVNC 1.7 in headless Chromium against the page our server serves on its RFB port: ws:// and
 * wss://, the password prompt, exact canvas pixels per encoding, source changes, typed keys.
 */
// Each test loads a page in the headless Chromium started once for the class: seconds; the limit
// leaves room for a loaded machine, the canvas waits (10-15 s) and a driver that stops answering (60 s).
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NoVncBrowserTest {
    private static final String PASSWORD = "s3cret!";
    private static BrowserDriver browser;
    private static PaintedFile screen;
    private static RecordingInputSink input;
    private static VncServer server;

    @BeforeAll
    static void start() throws Exception {
        browser = BrowserDriver.start();
        screen = new PaintedFile(320, 200);
        input = new RecordingInputSink();
        Path certDir = Files.createTempDirectory("tls");
        TlsServer tls = SelfSignedCertificate.loadOrCreate(certDir, List.of());
        StaticFiles web = new StaticFiles(Tools.projectDir().resolve("web"));
        RfbConfig config = RfbConfig.defaults(List.of(new VncAuthSecurity(VncPassword.of(PASSWORD))));
        server = VncServer.start(SourceCatalog.create(screen.sourceSpec()), TestServer.fastPacing(), config, input,
                new ListenAddress("127.0.0.1", 0), TransportOptions.sniffing(web, tls));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String http() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    private static String https() {
        return "https://127.0.0.1:" + server.port() + "/";
    }

    /** Polls the canvas until it equals the server's framebuffer; returns the last canvas. */
    private static BrowserDriver.Canvas awaitExactCanvas() throws Exception {
        String last = "no canvas read";
        BrowserDriver.Canvas c = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            c = browser.canvas();
            int[] expected = TestServer.snapshot(server);
            if (c.width() == screen.width && c.height() == screen.height) {
                last = Pixels.compare(expected, c.pixels(), c.width(), 0);
                if (last == null) {
                    return c;
                }
            } else {
                last = "canvas is " + c.width() + "x" + c.height();
            }
            Thread.sleep(100);
        }
        fail("canvas never matched the framebuffer: " + last);
        return c;
    }

    @ParameterizedTest(name = "encoding {0}")
    @ValueSource(ints = {0, 2, 5, 6, 7, 16}) // Raw, RRE, Hextile, Zlib, Tight, ZRLE
    void canvasEqualsTheSurfaceOverWebSocket(int encoding) throws Exception {
        browser.open(http(), PASSWORD, encoding);
        BrowserDriver.Canvas c = awaitExactCanvas();
        assertTrue(c.decodedRects().contains("\"" + encoding + "\":"),
                "pixels arrived, but not in encoding " + encoding + ": decoded " + c.decodedRects());
        browser.closePage();
    }

    @Test
    void worksOverWssWithTheSelfSignedCertificate() throws Exception {
        browser.open(https(), PASSWORD);
        awaitExactCanvas();
        browser.closePage();
    }

    @Test
    void aChangeInTheSourceAppearsInTheCanvas() throws Exception {
        browser.open(http(), PASSWORD);
        awaitExactCanvas();
        screen.fill(40, 30, 100, 50, 0xff8800);
        try {
            // The canvas is compared with the server's framebuffer: first let the server see the
            // change, or the old canvas matches the old framebuffer at once.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((TestServer.snapshot(server)[50 * screen.width + 60] & 0xffffff) != 0xff8800) {
                assertTrue(System.nanoTime() < deadline, "the server never saw the change");
                Thread.sleep(10);
            }
            BrowserDriver.Canvas c = awaitExactCanvas();
            assertEquals(0xff8800, c.pixels()[50 * screen.width + 60]);
        } finally {
            browser.closePage();
        }
    }

    @Test
    void typingReachesTheInputSink() throws Exception {
        browser.open(http(), PASSWORD);
        awaitExactCanvas();
        input.pressed.clear();
        browser.type("vnc");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (input.pressed.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of((int) 'v', (int) 'n', (int) 'c'), List.copyOf(input.pressed));
        browser.closePage();
    }

    @Test
    void aWrongPasswordIsRefusedAndTheServerStillServes() throws Exception {
        String reply = browser.tryCall("{\"op\":\"open\",\"url\":\"" + http() + "\",\"password\":\"wrong\","
                + "\"expect\":\"authentication failed\"}");
        assertTrue(reply.startsWith("ok authentication failed"), reply);
        browser.open(http(), PASSWORD);
        awaitExactCanvas();
        browser.closePage();
    }

    @Test
    void pathEscapesGet404AndTheServerStillServes() throws Exception {
        for (String target : List.of("/../pom.xml", "/%2e%2e/pom.xml", "/%2E%2E%2Fpom.xml", "/novnc/../../package.json",
                "/novnc/%2e%2e/%2e%2e/package.json", "/node_modules/playwright-core/package.json", "/.%2e/.%2e/etc/passwd",
                "/app.js%00.html", "//etc/passwd", "/novnc/core/")) {
            assertEquals(404, RawClient.status(RawClient.get(server.port(), target)), target);
        }
        String page = RawClient.get(server.port(), "/");
        assertEquals(200, RawClient.status(page));
        assertTrue(page.contains("Content-Type: text/html"), page);
        String module = RawClient.get(server.port(), "/novnc/core/rfb.js");
        assertEquals(200, RawClient.status(module));
        assertTrue(module.contains("Content-Type: text/javascript"), module.substring(0, 200));
    }

    @Test
    void aGarbageUpgradeGets400AndTheServerStillServes() throws Exception {
        String r = RawClient.get(server.port(), "/websockify HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: not-base64!\r\nX: y");
        assertEquals(400, RawClient.status(r), r);
        assertNull(r.contains("<still open") ? "server kept the connection open" : null);
        String junk = RawClient.exchange(server.port(), "GET \u0001\u0002\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(400, RawClient.status(junk), junk);
        browser.open(http(), PASSWORD);
        awaitExactCanvas();
        browser.closePage();
    }
}
