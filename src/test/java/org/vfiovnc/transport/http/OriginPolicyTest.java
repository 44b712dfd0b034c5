package org.vfiovnc.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which pages may open a WebSocket, and which Host names a loopback listener answers. */
class OriginPolicyTest {
    private static HttpRequest upgrade(String host, String origin) {
        Map<String, String> h = new LinkedHashMap<>();
        if (host != null) {
            h.put("host", host);
        }
        if (origin != null) {
            h.put("origin", origin);
        }
        h.put("upgrade", "websocket");
        return new HttpRequest("GET", "/websockify", "HTTP/1.1", h);
    }

    private static String check(OriginPolicy p, String host, String origin, boolean tls, boolean loopback) {
        return p.refusal(upgrade(host, origin), tls, loopback, true);
    }

    @Test
    void theOwnPageIsAcceptedOverHttpAndHttps() {
        OriginPolicy p = OriginPolicy.sameOrigin();
        assertNull(check(p, "127.0.0.1:5900", "http://127.0.0.1:5900", false, true));
        assertNull(check(p, "127.0.0.1:5900", "https://127.0.0.1:5900", true, true));
        assertNull(check(p, "localhost:5900", "http://LOCALHOST:5900", false, true));
        assertNull(check(p, "[::1]:5900", "http://[::1]:5900", false, true));
        assertNull(check(p, "vm1.example:443", "https://vm1.example", true, false), "default port made explicit");
        assertNull(check(p, "vm1.example", "https://vm1.example", true, false));
        assertNull(check(p, "127.0.0.1:5900", null, false, true), "no Origin: not a browser");
    }

    @Test
    void anotherPageIsRefusedAndNamed() {
        OriginPolicy p = OriginPolicy.sameOrigin();
        String why = check(p, "127.0.0.1:5900", "https://evil.example", false, true);
        assertNotNull(why);
        assertTrue(why.contains("https://evil.example"), why);
        assertNotNull(check(p, "127.0.0.1:5900", "http://127.0.0.1:8080", false, true), "another port is another site");
        assertNotNull(check(p, "127.0.0.1:5900", "http://localhost:5900", false, true), "another name");
        assertNotNull(check(p, "127.0.0.1:5900", "null", false, true), "sandboxed frames and files");
        assertNotNull(check(p, "127.0.0.1:5900", "http://127.0.0.1:5900/path", false, true));
        assertNotNull(check(p, "127.0.0.1:5900", "file://", false, true));
        assertNotNull(check(p, "vm1.example", "http://vm1.example", true, false), "https on 443, page on 80");
    }

    @Test
    void aLoopbackListenerAnswersOnlyLoopbackNames() {
        OriginPolicy p = OriginPolicy.sameOrigin();
        String rebinding = check(p, "rebind.example:5900", "http://rebind.example:5900", false, true);
        assertNotNull(rebinding, "DNS rebinding: same-origin with its own name");
        assertTrue(rebinding.contains("rebind.example"), rebinding);
        assertNull(check(p, "rebind.example:5900", "http://rebind.example:5900", false, false),
                "on a public address the Host is not checked");
        assertNotNull(check(p, null, null, false, true), "no Host");
        assertNotNull(check(p, "127.0.0.1.evil.example:5900", null, false, true));
        assertNotNull(check(p, "127.0.0.1:5900\nX: y", null, false, true));
        assertNull(check(p, "127.1.2.3:5900", null, false, true));
        assertNull(check(p, "app.localhost:5900", null, false, true));
        assertNotNull(p.refusal(new HttpRequest("GET", "/", "HTTP/1.1", Map.of("host", "evil.example")), false, true, false),
                "page requests too");
    }

    @Test
    void allowOriginAddsExactOriginsAndTheirHosts() {
        OriginPolicy p = OriginPolicy.allowing("https://console.example:8443, http://fleet.example");
        assertNull(check(p, "127.0.0.1:5900", "https://console.example:8443", false, true));
        assertNull(check(p, "127.0.0.1:5900", "http://fleet.example:80", false, true));
        assertNotNull(check(p, "127.0.0.1:5900", "https://console.example", false, true), "other port");
        assertNotNull(check(p, "127.0.0.1:5900", "http://console.example:8443", false, true), "other scheme");
        assertNull(check(p, "console.example", "https://console.example:8443", true, true),
                "a proxy in front may pass its own name as Host");
        assertFalse(p.allowsAnyOrigin());
        OriginPolicy any = OriginPolicy.allowing("*");
        assertTrue(any.allowsAnyOrigin());
        assertNull(check(any, "127.0.0.1:5900", "https://evil.example", false, true));
        assertNotNull(check(any, "evil.example:5900", "https://evil.example", false, true), "Host still checked");
        for (String bad : new String[] {"console.example", "https://console.example/", "ftp://x", "https://x:99999",
            "https://user@x"}) {
            assertThrows(IllegalArgumentException.class, () -> OriginPolicy.allowing(bad), bad);
        }
    }

    @Test
    void originsParseStrictly() {
        assertEquals(new WebOrigin("https", "[::1]", 8443), WebOrigin.parse("https://[::1]:8443"));
        assertEquals(new WebOrigin("http", "a.b", 80), WebOrigin.parse("HTTP://A.B"));
        assertNull(WebOrigin.parse("http://[abc]:1"), "an IPv6 literal needs a colon");
        assertNull(WebOrigin.parse("http://a b"));
        assertNull(WebOrigin.parse("http://:80"));
        assertNull(WebOrigin.parse("http://a:"));
        assertNull(WebOrigin.parse("http://a:0"));
        assertTrue(WebOrigin.parse("http://[::ffff:127.0.0.1]").isLoopbackName());
        assertFalse(WebOrigin.parse("http://[::2]").isLoopbackName());
        assertFalse(WebOrigin.parse("http://128.0.0.1").isLoopbackName());
        assertFalse(WebOrigin.parse("http://127.0.0.256").isLoopbackName());
    }
}
