package org.vfiovnc.transport.door;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.vfiovnc.access.GuessThrottle;
import org.vfiovnc.access.TokenGate;
import org.vfiovnc.access.TokenRefused;
import org.vfiovnc.transport.ConnectionHandler;
import org.vfiovnc.transport.http.HttpRequest;
import org.vfiovnc.transport.websocket.WebSocketHandshake;

/**
 * {@link DisplayRoutes} plus tokens, as websockify's token plugin routes: a WebSocket anywhere
 * outside /vm/ goes to the display its token leads to, the token given as {@code ?token=} or as
 * a subprotocol {@code bearer.TOKEN} (for clients that keep it out of the URL). Outside /vm/ the
 * page itself is served without a token, for links such as {@code /?token=...}. A wrong, expired
 * or reused token gets 403 and counts as a failed guess, as a wrong password does.
 */
public final class TokenRoutes implements DoorRoutes {
    static final String BEARER = "bearer.";

    private final DisplayRoutes displays;
    private final TokenGate gate;
    private final Function<String, String> displayOfTarget;
    private final GuessThrottle throttle;

    /** @param displayOfTarget the display a token file's target means ({@code host:port} or name), or null */
    public TokenRoutes(DisplayRoutes displays, TokenGate gate, Function<String, String> displayOfTarget,
                       GuessThrottle throttle) {
        this.displays = displays;
        this.gate = gate;
        this.displayOfTarget = displayOfTarget;
        this.throttle = throttle;
    }

    @Override
    public ConnectionHandler nativeViewers() {
        return displays.nativeViewers();
    }

    @Override
    public Route route(String path) {
        return displays.route(path);
    }

    @Override
    public Route route(HttpRequest request, InetAddress peer) throws Refused {
        Route byPath = displays.route(request.path());
        if (byPath != null || request.path().startsWith(DisplayRoutes.PREFIX)) {
            return byPath;
        }
        if (!WebSocketHandshake.isUpgrade(request)) {
            return new Route(null, request.path());
        }
        String token = token(request);
        if (token == null) {
            throw new Refused("a WebSocket here needs a token (?token=... or subprotocol " + BEARER
                    + "TOKEN); or open " + DisplayRoutes.PREFIX + "NAME/");
        }
        long blocked = throttle.blockedForMs(peer);
        if (blocked > 0) {
            throw new Refused("too many failed attempts from this address; try again in " + (blocked + 999) / 1000 + " s");
        }
        try {
            String target = gate.target(token);
            String name = displayOfTarget.apply(target);
            Route r = name == null ? null : displays.route(DisplayRoutes.PREFIX + name + "/");
            if (r == null) {
                throw new TokenRefused("the token's display is not served here");
            }
            throttle.succeeded(peer);
            return new Route(r.rfb(), request.path());
        } catch (TokenRefused e) {
            GuessThrottle.pause(throttle.failed(peer));
            throw new Refused(e.getMessage());
        }
    }

    /** The token from the query ({@code token=}) or from the subprotocols ({@code bearer.TOKEN}); null when none. */
    static String token(HttpRequest request) {
        String target = request.target();
        int q = target.indexOf('?');
        if (q >= 0) {
            for (String param : target.substring(q + 1).split("&")) {
                if (param.startsWith("token=")) {
                    try {
                        return URLDecoder.decode(param.substring(6), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        return param.substring(6);
                    }
                }
            }
        }
        for (String p : request.headerTokens("sec-websocket-protocol")) {
            if (p.startsWith(BEARER) && p.length() > BEARER.length()) {
                return p.substring(BEARER.length());
            }
        }
        return null;
    }
}
