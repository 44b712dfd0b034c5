package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.testing.BrowserDriver;
import org.vfiovnc.testing.HostProcess;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.transport.RawClient;

/**
 * {@code vfio-vnc host} as a service runs it (its own JVM, stopped by SIGTERM): two displays with
 * different credentials, each seen only by its own viewers - native viewers on each display's own
 * port, noVNC at /vm/NAME/ on the shared port - a fault of one display leaves the other's viewers
 * alone, and SIGHUP applies a changed file display by display.
 */
@Timeout(180)
class HostServiceTest {
    private static final int W = 64;
    private static final int H = 48;
    private static final int RED = 0xff0000;
    private static final int BLUE = 0x0000ff;
    private static final int GREEN = 0x00ff00;

    @TempDir
    Path dir;

    /** A raw XR24 screen of one colour. */
    private Path screen(String name, int rgb) throws IOException {
        Path f = dir.resolve(name + ".xr24");
        paint(f, rgb);
        return f;
    }

    private static void paint(Path f, int rgb) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(W * H * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < W * H; i++) {
            b.putInt(rgb);
        }
        Path tmp = f.resolveSibling(f.getFileName() + ".new");
        Files.write(tmp, b.array());
        Files.copy(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // same inode: the mapping sees it
    }

    private static String raw(Path f) {
        return "raw:" + f + ":" + W + "x" + H + ":XR24";
    }

    /** The colour of a full update's first pixel (the server's default format: 32 bpp, 0x00RRGGBB little-endian). */
    private static int firstPixel(RawRfbClient c) throws IOException {
        c.requestUpdate(false, W, H);
        RawRfbClient.Message m = c.readUntil(x -> x.type() == 0 && x.rects().stream().anyMatch(r -> r.encoding() == 0), 20);
        byte[] body = m.rects().stream().filter(r -> r.encoding() == 0).findFirst().orElseThrow().body();
        return ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffff;
    }

    private static void awaitPixel(RawRfbClient c, int rgb) throws IOException, InterruptedException {
        int got = -1;
        for (int i = 0; i < 100 && got != rgb; i++) {
            got = firstPixel(c);
            if (got != rgb) {
                Thread.sleep(50);
            }
        }
        assertEquals(Integer.toHexString(rgb), Integer.toHexString(got));
    }

    private String config(String displays) throws IOException {
        Files.writeString(dir.resolve("alpha.pw"), "alpha-pw\n");
        Files.writeString(dir.resolve("beta.users"), "bob:bob-pw\n");
        return "listen: 127.0.0.1:0\ndisplays:\n" + displays;
    }

    private String alpha(Path screen) {
        return "  alpha:\n    source: " + raw(screen) + "\n    password-file: " + dir.resolve("alpha.pw")
                + "\n    listen: 127.0.0.1:0\n    tick-ms: 20\n";
    }

    private String beta(Path screen) {
        return "  beta:\n    source: " + raw(screen) + "\n    users-file: " + dir.resolve("beta.users")
                + "\n    security: [plain]\n    allow-plain-text-passwords: true\n    listen: 127.0.0.1:0\n    tick-ms: 20\n";
    }

    @Test
    void twoDisplaysEachSeenOnlyByItsOwnViewers() throws Exception {
        Path red = screen("alpha", RED);
        Path blue = screen("beta", BLUE);
        Path file = Files.writeString(dir.resolve("host.yaml"),
                "metrics: 127.0.0.1:0\n" + config(alpha(red) + beta(blue)));
        try (HostProcess host = HostProcess.start(file)) {
            int shared = host.awaitPort("listening on ", 60);
            int alphaPort = host.awaitPort("display alpha at /vm/alpha/, own port ", 30);
            int betaPort = host.awaitPort("display beta at /vm/beta/, own port ", 30);
            String metricsLine = host.awaitLine("metrics on http://127.0.0.1:", 30);
            int metricsPort = Integer.parseInt(metricsLine.replaceAll(".*:(\\d+)/metrics$", "$1"));

            // Native viewers: each display offers its own security and takes only its own credentials.
            try (RawRfbClient a = RawRfbClient.connect(alphaPort)) {
                a.handshakeVncAuth("alpha-pw");
                assertEquals("ff0000", Integer.toHexString(firstPixel(a)));
                // One endpoint for every display, each sample labelled with its display.
                String metrics = RawClient.get(metricsPort, "/metrics");
                assertTrue(metrics.contains("\nvfiovnc_clients{display=\"alpha\"} 1\n"), metrics);
                assertTrue(metrics.contains("\nvfiovnc_clients{display=\"beta\"} 0\n"), metrics);
                assertTrue(metrics.contains("\nvfiovnc_source_state{display=\"beta\",state=\"LIVE\"} 1\n"), metrics);
                assertEquals(1, metrics.split("# TYPE vfiovnc_clients ", -1).length - 1, "one TYPE per family: " + metrics);
            }
            assertThrows(IOException.class, () -> RawRfbClient.connect(alphaPort).handshakeVncAuth("bob-pw"));
            assertThrows(IOException.class, () -> RawRfbClient.connect(alphaPort).handshakePlain("bob", "bob-pw"),
                    "alpha offers no Plain: bob's users file is beta's");
            assertThrows(IOException.class, () -> RawRfbClient.connect(betaPort).handshakeVncAuth("alpha-pw"));
            assertThrows(IOException.class, () -> RawRfbClient.connect(betaPort).handshakePlain("bob", "alpha-pw"));
            try (RawRfbClient b = RawRfbClient.connect(betaPort)) {
                b.handshakePlain("bob", "bob-pw");
                assertEquals("ff", Integer.toHexString(firstPixel(b)));
            }
            // The shared port serves browsers, each display under its path; a native viewer logs in there
            // as USER@DISPLAY only inside TLS, which this host has not got (SharedPortLoginTest has).
            assertThrows(IOException.class, () -> RawRfbClient.connect(shared).handshakePlain("bob@beta", "bob-pw"),
                    "a password sent in the clear on the shared port");
            assertEquals(404, RawClient.status(RawClient.get(shared, "/")));
            assertEquals(200, RawClient.status(RawClient.get(shared, "/vm/alpha/")));

            try (BrowserDriver browser = BrowserDriver.start();
                 RawRfbClient alphaViewer = RawRfbClient.connect(alphaPort).handshakeVncAuth("alpha-pw")) {
                String base = "http://127.0.0.1:" + shared + "/vm/";
                assertTrue(browser.connect(base + "beta/", "bob", "alpha-pw").contains("authentication failed"));
                assertTrue(browser.connect(base + "alpha/", null, "bob-pw").contains("authentication failed"));
                assertTrue(browser.connect(base + "beta/", "bob", "bob-pw").endsWith("/vm/beta/ connected"));
                assertEquals(BLUE, awaitCentre(browser, BLUE)); // the first update may still be on its way
                String alphaPage = browser.connect(base + "alpha/", null, "alpha-pw");
                assertTrue(alphaPage.endsWith("/vm/alpha/ connected"), alphaPage);
                assertEquals(RED, awaitCentre(browser, RED));

                // beta's source fails; alpha's viewers, native and browser, go on seeing alpha change.
                Files.write(blue, new byte[16]);
                awaitPixel(alphaViewer, RED);
                paint(red, GREEN);
                awaitPixel(alphaViewer, GREEN);
                browser.awaitTrue("document.body.dataset.state === 'connected'", 5000);
                for (int i = 0; i < 100 && centre(browser) != GREEN; i++) {
                    Thread.sleep(50);
                }
                assertEquals(GREEN, centre(browser));
                awaitLog(host, "raw file " + blue + " shrank");
            }
            host.signal("TERM");
            assertEquals(0, host.awaitExit(20), host.log());
        }
    }

    /** The canvas's centre once it shows {@code rgb}, or what it shows after 5 s (the first update may be on its way). */
    private static int awaitCentre(BrowserDriver browser, int rgb) throws IOException, InterruptedException {
        int got = centre(browser);
        for (int i = 0; i < 100 && got != rgb; i++) {
            Thread.sleep(50);
            got = centre(browser);
        }
        return got;
    }

    private static int centre(BrowserDriver browser) throws IOException {
        BrowserDriver.Canvas c = browser.canvas();
        return c.pixels()[c.height() / 2 * c.width() + c.width() / 2];
    }

    @Test
    void sighupAppliesTheChangedFileDisplayByDisplay() throws Exception {
        Path red = screen("alpha", RED);
        Path blue = screen("beta", BLUE);
        Path file = Files.writeString(dir.resolve("host.yaml"), config(alpha(red) + beta(blue)));
        try (HostProcess host = HostProcess.start(file)) {
            int shared = host.awaitPort("listening on ", 60);
            int alphaPort = host.awaitPort("display alpha at /vm/alpha/, own port ", 30);
            int betaPort = host.awaitPort("display beta at /vm/beta/, own port ", 30);
            try (RawRfbClient a = RawRfbClient.connect(alphaPort).handshakeVncAuth("alpha-pw");
                 RawRfbClient b = RawRfbClient.connect(betaPort).handshakePlain("bob", "bob-pw")) {
                assertEquals(RED, firstPixel(a));
                assertEquals(BLUE, firstPixel(b));

                // A broken file changes nothing.
                Files.writeString(file, "displays: [\n");
                host.signal("HUP");
                awaitLog(host, "reload refused, nothing changed");
                assertEquals(RED, firstPixel(a));
                assertEquals(BLUE, firstPixel(b));

                // beta goes, gamma comes (its screen not there yet: a VM that has not started), alpha stays.
                Path green = dir.resolve("gamma.xr24");
                Files.writeString(file, config(alpha(red) + "  gamma:\n    source: " + raw(green)
                        + "\n    password-file: " + dir.resolve("alpha.pw") + "\n"));
                host.signal("HUP");
                awaitLog(host, "reloaded " + file + ": 1 started or restarted [gamma], 1 stopped, 1 unchanged");
                assertTrue(b.closedByServerWithin(5000), "beta's viewer is disconnected with beta");
                assertEquals(RED, firstPixel(a), "alpha's viewer is untouched");
                assertEquals(404, RawClient.status(RawClient.get(shared, "/vm/beta/")));
                assertEquals(200, RawClient.status(RawClient.get(shared, "/vm/gamma/")));
                paint(green, GREEN);
                try (BrowserDriver browser = BrowserDriver.start()) {
                    String page = browser.connect("http://127.0.0.1:" + shared + "/vm/gamma/", null, "alpha-pw");
                    assertTrue(page.endsWith("/vm/gamma/ connected"), page);
                    for (int i = 0; i < 200 && centre(browser) != GREEN; i++) {
                        Thread.sleep(50); // the source is retried with backoff until its file appears
                    }
                    assertEquals(GREEN, centre(browser));
                }

                // A changed password restarts only that display.
                Files.writeString(dir.resolve("alpha.pw"), "alpha-pw2\n");
                host.signal("HUP");
                awaitLog(host, "2 started or restarted [alpha, gamma], 0 stopped, 0 unchanged");
                assertTrue(a.closedByServerWithin(5000));
            }
            int restarted = host.awaitPort("display alpha at /vm/alpha/, own port ", 30); // port 0: a new one
            try (RawRfbClient a = RawRfbClient.connect(restarted)) {
                a.handshakeVncAuth("alpha-pw2");
                assertEquals(RED, firstPixel(a));
            }
            assertFalse(host.fullLog().contains("reload failed"), host.log());
        }
    }

    @Test
    void tokensLeadBrowsersToTheirDisplayOnlyWhileValid() throws Exception {
        Path red = screen("alpha", RED);
        Path blue = screen("beta", BLUE);
        Path tokens = Files.writeString(dir.resolve("tokens"), "beta-token: beta\n");
        String secret = "a-secret-of-32-bytes-or-more-for-hs256";
        Files.writeString(dir.resolve("jwt.secret"), secret + "\n");
        Files.writeString(dir.resolve("api.secret"), "the-api-secret-for-the-panel\n");
        Path file = Files.writeString(dir.resolve("host.yaml"), config(alpha(red) + beta(blue)).replace("displays:\n",
                "token-file: " + tokens + "\njwt-secret-file: " + dir.resolve("jwt.secret")
                        + "\napi-token-file: " + dir.resolve("api.secret") + "\ndisplays:\n"));
        try (HostProcess host = HostProcess.start(file)) {
            int shared = host.awaitPort("listening on ", 60);
            int alphaPort = host.awaitPort("display alpha at /vm/alpha/, own port ", 30);
            // websockify's form: the target is the display's own port; the file is read at each connection.
            Files.writeString(tokens, "alpha-token: 127.0.0.1:" + alphaPort + "\nbeta-token: beta\n");
            String base = "http://127.0.0.1:" + shared + "/";
            try (BrowserDriver browser = BrowserDriver.start()) {
                String page = browser.connect(base + "?token=alpha-token", null, "alpha-pw");
                assertTrue(page.endsWith(" connected"), page);
                assertEquals(RED, awaitCentre(browser, RED));
                String jwt = signed(secret, "beta", 60);
                page = browser.connect(base + "?token=" + jwt, "bob", "bob-pw");
                assertTrue(page.endsWith(" connected"), page);
                assertEquals(BLUE, awaitCentre(browser, BLUE), "the signed token's display, not the last one");
                page = browser.connect(base + "?token=" + jwt, "bob", "bob-pw");
                assertFalse(page.endsWith(" connected"), "a signed token opens one connection: " + page);
                awaitLog(host, "refused: token already used");
                page = browser.connect(base + "?token=" + signed(secret, "beta", -30), "bob", "bob-pw");
                assertFalse(page.endsWith(" connected"), page);
                awaitLog(host, "refused: token expired");

                // The list of displays, for the panel that makes the tokens: the browser is still on beta.
                String list = RawClient.exchange(shared, ("GET /displays HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer the-api-secret-for-the-panel\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                assertEquals(200, RawClient.status(list), list);
                JsonNode displays = new ObjectMapper().readTree(list.substring(list.indexOf("\r\n\r\n") + 4)).get("displays");
                assertEquals(2, displays.size(), list);
                assertEquals("alpha", displays.get(0).get("name").asText());
                assertEquals("127.0.0.1:" + alphaPort, displays.get(0).get("port").asText());
                assertEquals("LIVE", displays.get(1).get("state").asText(), list);
                assertEquals("/vm/beta/", displays.get(1).get("path").asText());
                assertEquals(0, displays.get(0).get("viewers").asInt(), list);
                assertEquals(401, RawClient.status(RawClient.get(shared, "/displays")));

                // SIGHUP applies new secrets; tokens used before stay used.
                Files.writeString(dir.resolve("api.secret"), "a-new-api-secret-for-the-panel\n");
                host.signal("HUP");
                awaitLog(host, "reloaded " + file + ": 0 started or restarted");
                assertEquals(403, RawClient.status(listing(shared, "the-api-secret-for-the-panel")));
                assertEquals(200, RawClient.status(listing(shared, "a-new-api-secret-for-the-panel")));
                page = browser.connect(base + "?token=" + jwt, "bob", "bob-pw");
                assertFalse(page.endsWith(" connected"), "still used after a reload: " + page);
                String rotated = "the-rotated-secret-of-32-bytes-or-more";
                Files.writeString(dir.resolve("jwt.secret"), rotated + "\n");
                host.signal("HUP");
                for (int i = 0; i < 200 && host.fullLog().split("reloaded " + file, -1).length < 3; i++) {
                    Thread.sleep(50); // the second reload's line
                }
                assertEquals(3, host.fullLog().split("reloaded " + file, -1).length, host.log());
                page = browser.connect(base + "?token=" + signed(secret, "beta", 60), "bob", "bob-pw");
                assertFalse(page.endsWith(" connected"), "the old secret's token: " + page);
                page = browser.connect(base + "?token=" + signed(rotated, "alpha", 60), null, "alpha-pw");
                assertTrue(page.endsWith(" connected"), "the new secret's token: " + page);
                assertEquals(RED, awaitCentre(browser, RED));
            }
            assertFalse(host.fullLog().contains("alpha-token") || host.fullLog().contains(secret), "no token in the log");
        }
    }

    private static String listing(int port, String secret) throws IOException {
        return RawClient.exchange(port, ("GET /displays HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + secret
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** A JWT for {@code display} expiring in {@code expiresInS}, as a management panel would make it. */
    private static String signed(String secret, String display, long expiresInS) throws Exception {
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().claim("display", display)
                        .expirationTime(new java.util.Date(System.currentTimeMillis() + expiresInS * 1000)).build());
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static void awaitLog(HostProcess host, String text) throws IOException, InterruptedException {
        for (int i = 0; i < 200 && !host.fullLog().contains(text); i++) {
            Thread.sleep(50);
        }
        assertTrue(host.fullLog().contains(text), "expected '" + text + "' in the log:\n" + host.log());
    }
}
