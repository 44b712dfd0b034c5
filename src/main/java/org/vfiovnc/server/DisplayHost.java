package org.vfiovnc.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.vfiovnc.access.TokenGate;
import org.vfiovnc.metrics.LabelledMetrics;
import org.vfiovnc.metrics.MetricsHttpServer;
import org.vfiovnc.rfb.RfbServer;
import org.vfiovnc.rfb.security.AuthThrottle;
import org.vfiovnc.transport.ConnectionHandler;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.DisplayRoutes;
import org.vfiovnc.transport.door.DoorRoutes;
import org.vfiovnc.transport.door.FrontDoor;
import org.vfiovnc.transport.door.ListingRoutes;
import org.vfiovnc.transport.door.TokenRoutes;
import org.vfiovnc.transport.door.TransportOptions;
import org.vfiovnc.transport.http.HttpRequest;
import org.vfiovnc.transport.tcp.TcpListener;

/**
 * Many displays in one process, as {@code host} runs them: one port shared by browsers, where
 * {@code /vm/NAME/} is display NAME ({@link DisplayRoutes}), and by native viewers, whose user
 * name {@code USER@NAME} picks the display ({@link SharedPortLogins}); and each display as a
 * {@link ServedDisplay} of its own (its threads, its RFB server, its credentials, its own port for
 * native viewers when it has one). Displays are started, replaced and stopped one at a time while
 * the others and the shared port go on; a display that cannot start is logged and left out.
 */
public final class DisplayHost implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DisplayHost.class.getName());

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DisplayRoutes routes = new DisplayRoutes();
    /** The routes with the token and listing settings of the latest (re)load. */
    private volatile DoorRoutes access = routes;
    /** What the shared ports' doors ask: {@link #access} as it is at each request. */
    private final DoorRoutes door = new DoorRoutes() {
        @Override
        public ConnectionHandler nativeViewers() {
            return logins;
        }

        @Override
        public Route route(String path) {
            return access.route(path);
        }

        @Override
        public Route route(HttpRequest request, InetAddress peer) throws Refused {
            return access.route(request, peer);
        }
    };
    /** One throttle for all displays: guesses spread over several displays count together. */
    private final AuthThrottle throttle = AuthThrottle.defaults();
    /** Native viewers on the shared port: the user name USER@DISPLAY picks the display. */
    private volatile SharedPortLogins logins;
    private final List<TcpListener> listeners = new ArrayList<>();
    private final Map<String, ServedDisplay> running = new TreeMap<>();
    private final Map<String, String> failed = new TreeMap<>();
    private boolean closed;
    private MetricsHttpServer metrics;

    private DisplayHost() {}

    /**
     * Opens the shared port: {@code inherited} when systemd handed one over, else a new one on
     * {@code address}; plus the browser-only listener when {@code transport} names one. Nothing is
     * accepted before {@link #accept}.
     *
     * @param tokens   what tokens lead where (WebSockets outside /vm/), or null for path routing only
     * @param apiToken the bearer token of {@code GET /displays}, or null for no such listing
     */
    public static DisplayHost listen(ServerSocketChannel inherited, ListenAddress address, TransportOptions transport,
                                     TokenGate tokens, String apiToken) throws IOException {
        DisplayHost host = new DisplayHost();
        host.useAccess(tokens, apiToken);
        host.logins = new SharedPortLogins(transport.tls(), host::rfbOf, host.throttle);
        try {
            FrontDoor door = new FrontDoor(host.door, transport, true, transport.sniffWaitMs());
            TcpListener main = inherited != null ? new TcpListener(inherited, door) : new TcpListener(address, door);
            host.listeners.add(main);
            if (transport.websocket() != null) {
                host.listeners.add(new TcpListener(transport.websocket(),
                        new FrontDoor(host.door, transport, false, FrontDoor.BROWSER_ONLY_WAIT_MS)));
            }
        } catch (IOException | RuntimeException e) {
            host.close();
            throw e;
        }
        return host;
    }

    /**
     * Starts accepting on the shared ports, once the displays have started: a connection that
     * came early (the one that made systemd start the service) waits in the socket's queue
     * instead of finding no display.
     */
    public void accept() {
        listeners.forEach(TcpListener::start);
    }

    /**
     * From now on, WebSockets outside /vm/ go where {@code tokens} lead (null: nowhere) and
     * {@code GET /displays} answers the bearer of {@code apiToken} (null: no listing). A reload
     * calls it with the file's new keys; connections at the door already keep what they had. Token
     * failures count in the displays' own throttle: a token guessed is a password guessed.
     */
    public void useAccess(TokenGate tokens, String apiToken) {
        DoorRoutes r = tokens == null ? routes : new TokenRoutes(routes, tokens, this::displayOfTarget, throttle);
        access = apiToken == null ? r : new ListingRoutes(r, apiToken, this::listing, throttle);
    }

    /** The RFB server of the running display {@code name}, or null. */
    synchronized RfbServer rfbOf(String name) {
        ServedDisplay d = running.get(name);
        return d == null ? null : d.rfb();
    }

    /**
     * The running display a token file's target means: a display's name, or {@code host:port} of
     * a display's own port (so a websockify token file works unchanged). Null when none.
     */
    synchronized String displayOfTarget(String target) {
        if (!target.contains(":")) {
            return running.containsKey(target) ? target : null;
        }
        ListenAddress wanted;
        try {
            wanted = ListenAddress.parse(target);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (Map.Entry<String, ServedDisplay> e : running.entrySet()) {
            for (ListenAddress own : e.getValue().addresses()) {
                if (own.port() == wanted.port() && sameHost(own.host(), wanted.host())) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    private static boolean sameHost(String listening, String named) {
        return listening.equals(named) || listening.equals("0.0.0.0") || listening.equals("::")
                || named.equals("localhost") && (listening.startsWith("127.") || listening.equals("::1"));
    }

    /** The shared port first, then the browser-only one when there is one. */
    public List<ListenAddress> addresses() {
        return listeners.stream().map(TcpListener::boundAddress).toList();
    }

    /**
     * Starts display {@code name}, after stopping the one of that name (its viewers are
     * disconnected; the others are not touched). A source that is not there yet is retried.
     * Several displays may start at once (from different threads): the slow start of one, whose
     * VM is away, does not hold up the others; one name starts from one thread at a time.
     *
     * @return null when it runs, else why it could not start (also logged)
     */
    public String start(String name, DisplayPlan plan) {
        stop(name);
        ServedDisplay display;
        try {
            display = ServedDisplay.start(plan, throttle, true);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            LOG.warning("display " + name + " not started: " + why);
            synchronized (this) {
                failed.put(name, why);
            }
            return why;
        }
        synchronized (this) {
            if (closed) {
                display.close();
                return "the host is stopping";
            }
            running.put(name, display);
            routes.put(name, display.rfb());
        }
        LOG.info("display " + name + ": " + display.describe() + " at " + DisplayRoutes.PREFIX + name + "/"
                + (display.addresses().isEmpty() ? "" : ", own port " + display.addresses().get(0))
                + ", security " + plan.rfb().security().describe());
        return null;
    }

    /** Stops display {@code name}, if it runs: its route goes first, then its viewers, loop and ports. */
    public synchronized void stop(String name) {
        failed.remove(name);
        ServedDisplay d = running.remove(name);
        if (d != null) {
            routes.remove(name, d.rfb());
            d.close();
            LOG.info("display " + name + " stopped");
        }
    }

    /** Whether the shared ports still accept connections (what the service manager's watchdog asks). */
    public boolean healthy() {
        return listeners.stream().allMatch(TcpListener::accepting);
    }

    /** The running displays' names. */
    public synchronized Set<String> names() {
        return Set.copyOf(running.keySet());
    }

    public synchronized ServedDisplay display(String name) {
        return running.get(name);
    }

    /**
     * What runs, as JSON: each display's name, path, source, state, viewers and own port, and the
     * displays that could not start with why.
     */
    public synchronized String listing() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("displays");
        running.forEach((name, d) -> {
            ObjectNode n = list.addObject();
            n.put("name", name);
            n.put("path", DisplayRoutes.PREFIX + name + "/");
            n.put("source", d.describe());
            n.put("state", d.server().loop().state().name());
            n.put("viewers", d.rfb().clientCount());
            n.put("port", d.addresses().isEmpty() ? null : d.addresses().get(0).toString());
        });
        ArrayNode notStarted = root.putArray("failed");
        failed.forEach((name, why) -> notStarted.addObject().put("name", name).put("error", why));
        return root.toString();
    }

    /**
     * Serves every display's metrics at {@code address}/metrics, each sample labelled
     * {@code display="NAME"}; a display restarted by a reload starts its counters again.
     *
     * @return the bound address
     */
    public ListenAddress serveMetrics(ListenAddress address) throws IOException {
        MetricsHttpServer http;
        try {
            http = MetricsHttpServer.start(address, this::renderMetrics);
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
        }
        synchronized (this) {
            metrics = http;
        }
        LOG.info("metrics of every display on http://" + http.address() + "/metrics");
        return http.address();
    }

    private String renderMetrics() {
        Map<String, String> rendered = new LinkedHashMap<>();
        synchronized (this) {
            running.forEach((name, d) -> rendered.put(name, d.renderMetrics()));
        }
        rendered.values().removeIf(Objects::isNull);
        return LabelledMetrics.merge("display", rendered);
    }

    /** One line for the log and the service manager: what runs and what could not start. */
    public synchronized String status() {
        StringBuilder sb = new StringBuilder("serving ").append(running.size())
                .append(running.size() == 1 ? " display" : " displays");
        if (!running.isEmpty()) {
            sb.append(" (").append(String.join(", ", running.keySet())).append(')');
        }
        if (!failed.isEmpty()) {
            sb.append("; not started: ");
            failed.forEach((n, why) -> sb.append(n).append(" (").append(why).append(") "));
        }
        return sb.toString().strip();
    }

    /** Closes the shared ports, then every display. */
    @Override
    public synchronized void close() {
        closed = true;
        if (metrics != null) {
            metrics.close();
        }
        listeners.forEach(TcpListener::close);
        for (String name : List.copyOf(running.keySet())) {
            stop(name);
        }
    }
}
