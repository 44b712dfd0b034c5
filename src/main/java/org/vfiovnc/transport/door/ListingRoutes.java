package org.vfiovnc.transport.door;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.vfiovnc.access.GuessThrottle;
import org.vfiovnc.transport.ConnectionHandler;
import org.vfiovnc.transport.http.HttpRequest;
import org.vfiovnc.transport.http.HttpResponse;

/**
 * {@code GET /displays} on a host's shared port: what runs, as JSON, for a management panel or a
 * monitoring script, behind a bearer token ({@code Authorization: Bearer TOKEN}). A wrong token
 * gets 403 and counts as a failed guess, as a wrong password does; other paths go to the routes
 * wrapped.
 */
public final class ListingRoutes implements DoorRoutes {
    public static final String PATH = "/displays";

    private final DoorRoutes inner;
    private final byte[] tokenHash;
    private final Supplier<String> listing;
    private final GuessThrottle throttle;

    /** @param listing the JSON, made at each request */
    public ListingRoutes(DoorRoutes inner, String token, Supplier<String> listing, GuessThrottle throttle) {
        this.inner = inner;
        this.tokenHash = sha256(token);
        this.listing = listing;
        this.throttle = throttle;
    }

    @Override
    public ConnectionHandler nativeViewers() {
        return inner.nativeViewers();
    }

    @Override
    public Route route(String path) {
        return inner.route(path);
    }

    @Override
    public Route route(HttpRequest request, InetAddress peer) throws Refused {
        if (!request.path().equals(PATH)) {
            return inner.route(request, peer);
        }
        String auth = request.header("authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            HttpResponse r = HttpResponse.text(401, "Unauthorized", "the display list needs 'Authorization: Bearer TOKEN'");
            r.headers().put("WWW-Authenticate", "Bearer realm=\"vfio-vnc\"");
            return Route.answered(r);
        }
        long blocked = throttle.blockedForMs(peer);
        if (blocked > 0) {
            throw new Refused("too many failed attempts from this address; try again in " + (blocked + 999) / 1000 + " s");
        }
        // Hashes of equal length compared in constant time: the timing tells neither length nor prefix.
        if (!MessageDigest.isEqual(tokenHash, sha256(auth.substring(7).strip()))) {
            GuessThrottle.pause(throttle.failed(peer));
            throw new Refused("wrong API token");
        }
        throttle.succeeded(peer);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("Cache-Control", "no-store");
        return Route.answered(new HttpResponse(200, "OK", h, listing.get().getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
