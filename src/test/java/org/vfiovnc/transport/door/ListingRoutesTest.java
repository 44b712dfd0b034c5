package org.vfiovnc.transport.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.rfb.security.AuthThrottle;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.RawClient;
import org.vfiovnc.transport.http.StaticFiles;
import org.vfiovnc.transport.tcp.TcpListener;

/**
 * GET /displays answers with the listing only to the bearer of the API token: 401 without one, 403
 * for a wrong one (counted as a failed guess, so guessing gets the address blocked), the JSON for
 * the right one; every other path goes to the display routes as before.
 */
class ListingRoutesTest {
    private static final String TOKEN = "an-api-token-of-some-length";

    @TempDir
    Path web;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AuthThrottle throttle = new AuthThrottle(3, 0, 0, 60_000, 60_000, now::get);
    private TcpListener listener;

    @BeforeEach
    void start() throws IOException {
        Files.writeString(web.resolve("index.html"), "the page");
        DisplayRoutes displays = new DisplayRoutes();
        displays.put("alpha", c -> c.close());
        ListingRoutes routes = new ListingRoutes(displays, TOKEN, () -> "{\"displays\":[{\"name\":\"alpha\"}]}", throttle);
        listener = new TcpListener(new ListenAddress("127.0.0.1", 0),
                new FrontDoor(routes, TransportOptions.sniffing(new StaticFiles(web), null), true, 120));
        listener.start();
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    private String get(String path, String authorization) throws IOException {
        String req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (authorization != null ? "Authorization: " + authorization + "\r\n" : "") + "\r\n";
        return RawClient.exchange(listener.boundAddress().port(), req.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void onlyTheTokensBearerGetsTheList() throws IOException {
        String none = get("/displays", null);
        assertEquals(401, RawClient.status(none), none);
        assertTrue(none.contains("\r\nWWW-Authenticate: Bearer realm=\"vfio-vnc\"\r\n"), none);
        assertEquals(401, RawClient.status(get("/displays", "Basic " + TOKEN)));

        String ok = get("/displays", "Bearer " + TOKEN);
        assertEquals(200, RawClient.status(ok), ok);
        assertTrue(ok.contains("\r\nContent-Type: application/json\r\n") && ok.contains("\r\nCache-Control: no-store\r\n"), ok);
        assertTrue(ok.endsWith("\r\n\r\n{\"displays\":[{\"name\":\"alpha\"}]}"), ok);
        assertEquals(200, RawClient.status(get("/displays", "bearer " + TOKEN)), "the scheme is case-insensitive");

        String wrong = get("/displays", "Bearer " + TOKEN + "x");
        assertEquals(403, RawClient.status(wrong), wrong);
        assertTrue(wrong.endsWith("wrong API token\n"), wrong);
        assertEquals(200, RawClient.status(get("/vm/alpha/", null)), "the displays' pages are as before");
        assertEquals(404, RawClient.status(get("/displays/", "Bearer " + TOKEN)));
    }

    @Test
    void guessingTheTokenBlocksTheAddress() throws IOException {
        for (int i = 0; i < 3; i++) {
            assertEquals(403, RawClient.status(get("/displays", "Bearer guess-" + i)));
        }
        String blocked = get("/displays", "Bearer " + TOKEN);
        assertEquals(403, RawClient.status(blocked), blocked);
        assertTrue(blocked.contains("too many failed attempts from this address"), blocked);
        now.addAndGet(61_000);
        assertEquals(200, RawClient.status(get("/displays", "Bearer " + TOKEN)));
    }
}
