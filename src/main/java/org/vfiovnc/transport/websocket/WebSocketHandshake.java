package org.vfiovnc.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vfiovnc.transport.http.HttpRequest;
import org.vfiovnc.transport.http.HttpResponse;

/**
 * The server side of the opening handshake (RFC 6455 section 4.2) as a pure function: a request in,
 * the response out - 101 Switching Protocols, or 400 (426 for another version) naming what is
 * wrong. Any path is accepted; no subprotocol is required, and "binary" is echoed when offered
 * (websockify's convention, which some clients expect).
 */
public final class WebSocketHandshake {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketHandshake() {}

    /** Whether the request asks for a WebSocket at all (else it is a plain page request). */
    public static boolean isUpgrade(HttpRequest req) {
        return req.header("upgrade") != null || req.header("sec-websocket-key") != null;
    }

    /** The answer to an upgrade request; {@link HttpResponse#status()} 101 means accepted. */
    public static HttpResponse respond(HttpRequest req) {
        if (!req.method().equals("GET")) {
            return HttpResponse.text(400, "Bad Request", "WebSocket upgrade must use GET");
        }
        if (!req.version().equals("HTTP/1.1")) {
            return HttpResponse.text(400, "Bad Request", "WebSocket upgrade needs HTTP/1.1");
        }
        if (!req.headerHasToken("upgrade", "websocket")) {
            return HttpResponse.text(400, "Bad Request", "Upgrade header must be websocket");
        }
        if (!req.headerHasToken("connection", "upgrade")) {
            return HttpResponse.text(400, "Bad Request", "Connection header must include Upgrade");
        }
        if (!"13".equals(req.header("sec-websocket-version"))) {
            HttpResponse r = HttpResponse.text(426, "Upgrade Required", "only WebSocket version 13 is supported");
            r.headers().put("Sec-WebSocket-Version", "13");
            return r;
        }
        String key = req.header("sec-websocket-key");
        if (key == null || !isValidKey(key)) {
            return HttpResponse.text(400, "Bad Request", "Sec-WebSocket-Key must be 16 bytes in base64");
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Upgrade", "websocket");
        h.put("Connection", "Upgrade");
        h.put("Sec-WebSocket-Accept", acceptValue(key));
        if (req.headerTokens("sec-websocket-protocol").contains("binary")) {
            h.put("Sec-WebSocket-Protocol", "binary");
        }
        return new HttpResponse(101, "Switching Protocols", h, new byte[0]);
    }

    /** base64(SHA-1(key + GUID)). */
    public static String acceptValue(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] d = sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-1", e);
        }
    }

    private static boolean isValidKey(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
