package org.vfiovnc.transport.door;

import java.net.InetAddress;
import org.vfiovnc.transport.ConnectionHandler;
import org.vfiovnc.transport.http.HttpRequest;
import org.vfiovnc.transport.http.HttpResponse;

/**
 * Which RFB server a connection at the front door goes to: the one display's behind a port of its
 * own ({@link #single}), or one of several by the request path ({@link DisplayRoutes}).
 */
public interface DoorRoutes {

    /** The RFB server for native viewers, who bring no path to go by; null when this door has none for them. */
    ConnectionHandler nativeViewers();

    /** Where an HTTP request for {@code path} goes; null when no display is there. */
    Route route(String path);

    /**
     * Where {@code request} from {@code peer} goes: by its path unless a route also reads the
     * query or headers (a token). Null when nothing is there.
     *
     * @throws Refused when the request may not go anywhere (403, with the reason)
     */
    default Route route(HttpRequest request, InetAddress peer) throws Refused {
        return route(request.path());
    }

    /** A request refused at the door; the message is for the log and the answer, and holds no secret. */
    final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param rfb      the display's RFB server, for a WebSocket; null where only the page is served
     * @param pagePath the path of the page's file in the web directory; null when the request must
     *                 first be redirected to its path with a "/" added, so the page's relative links
     *                 (its scripts, and the WebSocket it opens) stay under the display's path
     * @param answer   the answer to a request the route makes itself; null for a page or a display
     */
    record Route(ConnectionHandler rfb, String pagePath, HttpResponse answer) {
        public Route(ConnectionHandler rfb, String pagePath) {
            this(rfb, pagePath, null);
        }

        /** A request answered by the route itself (an API), not by a file or a display. */
        public static Route answered(HttpResponse answer) {
            return new Route(null, null, answer);
        }
    }

    /** Everything to one RFB server: a native viewer, and every path as it is. */
    static DoorRoutes single(ConnectionHandler rfb) {
        return new DoorRoutes() {
            @Override
            public ConnectionHandler nativeViewers() {
                return rfb;
            }

            @Override
            public Route route(String path) {
                return new Route(rfb, path);
            }
        };
    }
}
