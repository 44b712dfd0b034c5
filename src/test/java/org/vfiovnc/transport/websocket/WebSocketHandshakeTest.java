package org.vfiovnc.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiovnc.transport.http.HttpRequest;
import org.vfiovnc.transport.http.HttpResponse;

class WebSocketHandshakeTest {
    private static HttpRequest request(Map<String, String> extra) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("host", "x");
        h.put("upgrade", "websocket");
        h.put("connection", "keep-alive, Upgrade");
        h.put("sec-websocket-version", "13");
        h.put("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==");
        h.putAll(extra);
        h.values().removeIf(String::isEmpty);
        return new HttpRequest("GET", "/any/path?x=1", "HTTP/1.1", h);
    }

    @Test
    void acceptsAnyPathWithTheRfcSampleAcceptValue() {
        HttpResponse r = WebSocketHandshake.respond(request(Map.of()));
        assertEquals(101, r.status());
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", r.headers().get("Sec-WebSocket-Accept"));
        assertNull(r.headers().get("Sec-WebSocket-Protocol"));
    }

    @Test
    void echoesBinaryWhenOffered() {
        HttpResponse r = WebSocketHandshake.respond(request(Map.of("sec-websocket-protocol", "base64, binary")));
        assertEquals("binary", r.headers().get("Sec-WebSocket-Protocol"));
        HttpResponse other = WebSocketHandshake.respond(request(Map.of("sec-websocket-protocol", "chat")));
        assertEquals(101, other.status());
        assertFalse(other.headers().containsKey("Sec-WebSocket-Protocol"));
    }

    @Test
    void badUpgradesGet400Or426() {
        assertEquals(400, WebSocketHandshake.respond(request(Map.of("sec-websocket-key", "short"))).status());
        assertEquals(400, WebSocketHandshake.respond(request(Map.of("sec-websocket-key", ""))).status());
        assertEquals(400, WebSocketHandshake.respond(request(Map.of("upgrade", "h2c"))).status());
        assertEquals(400, WebSocketHandshake.respond(request(Map.of("connection", "close"))).status());
        assertEquals(426, WebSocketHandshake.respond(request(Map.of("sec-websocket-version", "8"))).status());
    }
}
