package org.vfiovnc.transport.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which web pages may open a WebSocket to this server, and which names a loopback address answers to.
 *
 * <p>WebSocket has no same-origin rule: a page from any site may open {@code ws://127.0.0.1:5900/},
 * and the browser only tells the server who asks, in {@code Origin}. So an upgrade is accepted when
 * it has no Origin (not a browser: browsers always send one), when its Origin is the page's own
 * (the host and port its {@code Host} header names: this server serves the page on the same port),
 * or when the Origin was allowed with {@code --allow-origin}.
 *
 * <p>DNS rebinding makes a foreign page same-origin with this server (its own name resolves to
 * 127.0.0.1), and its Host then names that foreign name: a connection that arrived on a loopback
 * address must therefore name a loopback host (localhost, 127.x.x.x, [::1]) or an allowed origin's.
 */
public final class OriginPolicy {
    private final Set<WebOrigin> allowed;
    private final Set<String> allowedHosts;
    private final boolean anyOrigin;

    private OriginPolicy(Set<WebOrigin> allowed, boolean anyOrigin) {
        this.allowed = Set.copyOf(allowed);
        this.anyOrigin = anyOrigin;
        Set<String> hosts = new LinkedHashSet<>();
        allowed.forEach(o -> hosts.add(o.host()));
        this.allowedHosts = Set.copyOf(hosts);
    }

    /** Only the server's own page. */
    public static OriginPolicy sameOrigin() {
        return new OriginPolicy(Set.of(), false);
    }

    /**
     * The own page plus {@code list}: comma-separated origins ({@code https://host[:port]}), or
     * {@code *} for any. Throws IllegalArgumentException naming a malformed entry.
     */
    public static OriginPolicy allowing(String list) {
        Set<WebOrigin> origins = new LinkedHashSet<>();
        boolean any = false;
        for (String raw : list.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                any = true;
                continue;
            }
            WebOrigin o = WebOrigin.parse(entry);
            if (o == null || entry.endsWith("/")) {
                throw new IllegalArgumentException("'" + entry + "' is not an origin; expected http(s)://HOST[:PORT]"
                        + " (no path), or *");
            }
            origins.add(o);
        }
        return new OriginPolicy(origins, any);
    }

    /** Whether any page may connect ({@code --allow-origin *}). */
    public boolean allowsAnyOrigin() {
        return anyOrigin;
    }

    /** The extra origins, for the log. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        if (anyOrigin) {
            out.add("*");
        }
        allowed.forEach(o -> out.add(o.toString()));
        return out;
    }

    /**
     * Why {@code req} is refused, or null when it may go on. Page requests are checked for their
     * Host only; WebSocket upgrades for their Origin as well.
     *
     * @param encrypted        the request came over TLS (https/wss)
     * @param loopbackListener the connection arrived on a loopback address
     * @param upgrade          the request asks for a WebSocket
     */
    public String refusal(HttpRequest req, boolean encrypted, boolean loopbackListener, boolean upgrade) {
        String hostHeader = req.header("host");
        WebOrigin self = WebOrigin.ofHost(encrypted ? "https" : "http", hostHeader);
        if (loopbackListener && (self == null || !self.isLoopbackName() && !allowedHosts.contains(self.host()))) {
            return "Host " + HttpRequest.printable(hostHeader) + " is not a loopback name (the server listens on a loopback"
                    + " address; another name there is DNS rebinding)";
        }
        String originHeader = req.header("origin");
        if (!upgrade || originHeader == null || anyOrigin) {
            return null;
        }
        WebOrigin origin = WebOrigin.parse(originHeader);
        if (origin != null && (self != null && origin.sameHostAndPort(self) || allowed.contains(origin))) {
            return null;
        }
        return "origin " + HttpRequest.printable(originHeader) + " is not this server's page (--allow-origin adds others)";
    }
}
