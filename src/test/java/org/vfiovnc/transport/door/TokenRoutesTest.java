package org.vfiovnc.transport.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.access.SignedTokens;
import org.vfiovnc.access.TokenFile;
import org.vfiovnc.access.TokenGate;
import org.vfiovnc.rfb.security.AuthThrottle;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.RawClient;
import org.vfiovnc.transport.http.StaticFiles;
import org.vfiovnc.transport.tcp.TcpListener;

/**
 * Tokens on a shared port: a websockify token file's line or a signed token (JWT) sends a
 * WebSocket to its display and no other, by query or by bearer subprotocol; wrong, expired,
 * not-yet-valid, over-long, unsigned and reused tokens get 403 with the reason, and failures
 * block the address as failed passwords do.
 */
class TokenRoutesTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef-host-secret";
    private static final String WS_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @TempDir
    Path dir;

    private final DisplayRoutes displays = new DisplayRoutes();
    /** The test's clock for the tokens and the throttle. */
    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private TcpListener listener;
    private AuthThrottle throttle;

    @BeforeEach
    void start() throws IOException {
        Path web = Files.createDirectories(dir.resolve("web"));
        Files.writeString(web.resolve("index.html"), "the page");
        Files.writeString(dir.resolve("tokens"), "# websockify's format\nalpha-token: 127.0.0.1:5901\n\nbeta-token: beta\n"
                + "stale-token: 127.0.0.1:5999\n");
        Files.writeString(dir.resolve("secret"), SECRET + "\n");
        displays.put("alpha", NameSayingDisplay.saying("alpha"));
        displays.put("beta", NameSayingDisplay.saying("beta"));
        TokenGate gate = new TokenGate(new TokenFile(dir.resolve("tokens")),
                new SignedTokens(dir.resolve("secret"), 300, now::get));
        // Three failures block for a minute; no delays, so the test runs fast.
        throttle = new AuthThrottle(3, 0, 0, 60_000, 60_000, now::get);
        TokenRoutes routes = new TokenRoutes(displays, gate,
                t -> t.equals("127.0.0.1:5901") ? "alpha" : t.contains(":") ? null : t, throttle);
        listener = new TcpListener(new ListenAddress("127.0.0.1", 0),
                new FrontDoor(routes, TransportOptions.sniffing(new StaticFiles(web), null), true, 120));
        listener.start();
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    /** The raw answer to a WebSocket upgrade for {@code target}, with {@code extra} header lines. */
    private String upgrade(String target, String extra) throws IOException {
        String req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + WS_KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extra + "\r\n";
        return RawClient.exchange(listener.boundAddress().port(), req.getBytes(StandardCharsets.US_ASCII));
    }

    private String upgrade(String target) throws IOException {
        return upgrade(target, "");
    }

    /** Which display answered, or the refusal's status and reason. */
    private static String outcome(String response) {
        int status = RawClient.status(response);
        if (status == 101) {
            return response.contains("alpha") ? "alpha" : response.contains("beta") ? "beta" : "101 without a display";
        }
        return status + " " + response.substring(response.indexOf("\r\n\r\n") + 4).trim();
    }

    private String jwt(String display, long expInS, Long nbfInS, String id, String secret) throws JOSEException {
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().claim(SignedTokens.DISPLAY_CLAIM, display).jwtID(id);
        if (expInS != Long.MIN_VALUE) {
            c.expirationTime(new Date(now.get() + expInS * 1000));
        }
        if (nbfInS != null) {
            c.notBeforeTime(new Date(now.get() + nbfInS * 1000));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), c.build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private String jwt(String display, String id) throws JOSEException {
        return jwt(display, 60, null, id, SECRET);
    }

    @Test
    void aTokenFileLineLeadsToItsDisplay() throws IOException {
        assertEquals("alpha", outcome(upgrade("/websockify?token=alpha-token")), "by host:port, as websockify has it");
        assertEquals("beta", outcome(upgrade("/websockify?autoconnect=1&token=beta-token")), "by name");
        assertEquals("alpha", outcome(upgrade("/websockify?token=alpha-token")), "a file token opens many connections");
        assertEquals("beta", outcome(upgrade("/anything", "Sec-WebSocket-Protocol: binary, bearer.beta-token\r\n")));
        assertEquals("403 unknown token", outcome(upgrade("/websockify?token=alpha-tokem")));
        assertEquals("403 the token's display is not served here", outcome(upgrade("/websockify?token=stale-token")));
        assertTrue(outcome(upgrade("/websockify")).startsWith("403 a WebSocket here needs a token"));
        // A line removed takes effect at the next connection, as in websockify.
        Files.writeString(dir.resolve("tokens"), "beta-token: beta\n");
        assertEquals("403 unknown token", outcome(upgrade("/websockify?token=alpha-token")));
        // The page and paths still work; a token on a display's path is not needed there.
        assertEquals(200, RawClient.status(RawClient.get(listener.boundAddress().port(), "/?token=beta-token")));
        assertEquals("alpha", outcome(upgrade("/vm/alpha/websockify")));
    }

    @Test
    void aSignedTokenOpensOneConnectionToItsDisplayWhileValid() throws Exception {
        String token = jwt("beta", "t1");
        assertEquals("beta", outcome(upgrade("/websockify?token=" + token)));
        assertEquals("403 token already used (a token opens one connection)", outcome(upgrade("/websockify?token=" + token)));
        assertEquals("alpha", outcome(upgrade("/x", "Sec-WebSocket-Protocol: bearer." + jwt("alpha", "t2") + ", binary\r\n")));
        throttle.succeeded(InetAddress.getLoopbackAddress()); // the failures below are counted apart from these
        assertEquals("403 token expired", outcome(upgrade("/w?token=" + jwt("beta", -10, null, "t3", SECRET))));
        assertEquals("403 token not valid yet (nbf)", outcome(upgrade("/w?token=" + jwt("beta", 120, 60L, "t4", SECRET))));
        throttle.succeeded(InetAddress.getLoopbackAddress());
        assertEquals("403 token lives longer than 300 s (exp too far ahead)",
                outcome(upgrade("/w?token=" + jwt("beta", 3600, null, "t5", SECRET))));
        assertEquals("403 token has no expiry (exp)", outcome(upgrade("/w?token=" + jwt("beta", Long.MIN_VALUE, null, "t6", SECRET))));
        throttle.succeeded(InetAddress.getLoopbackAddress());
        assertEquals("403 token signature does not match",
                outcome(upgrade("/w?token=" + jwt("beta", 60, null, "t7", SECRET.replace('0', 'x')))));
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().claim("display", "beta")
                .expirationTime(new Date(now.get() + 60_000)).build()).serialize();
        assertEquals("403 malformed token", outcome(upgrade("/w?token=" + unsigned)));
        throttle.succeeded(InetAddress.getLoopbackAddress());
        assertEquals("403 the token's display is not served here", outcome(upgrade("/w?token=" + jwt("gamma", "t8"))));
        // A token not yet valid works once its time comes; an expired one never again.
        String later = jwt("alpha", 120, 30L, "t9", SECRET);
        now.addAndGet(31_000);
        assertEquals("alpha", outcome(upgrade("/w?token=" + later)));
    }

    @Test
    void failedTokensBlockTheAddressLikeFailedPasswords() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals("403 unknown token", outcome(upgrade("/websockify?token=guess" + i)));
        }
        String blocked = outcome(upgrade("/websockify?token=beta-token"));
        assertTrue(blocked.startsWith("403 too many failed attempts from this address; try again in 60 s"), blocked);
        String good = jwt("alpha", "fresh");
        assertTrue(outcome(upgrade("/websockify?token=" + good)).startsWith("403 too many failed attempts"));
        now.addAndGet(61_000);
        assertEquals("beta", outcome(upgrade("/websockify?token=beta-token")), "the block ends");
        assertFalse(outcome(upgrade("/websockify?token=" + jwt("alpha", "fresh2"))).startsWith("403"));
    }
}
