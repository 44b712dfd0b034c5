package org.vfiovnc.metrics;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.vfiovnc.transport.Connection;
import org.vfiovnc.transport.ConnectionDeadline;
import org.vfiovnc.transport.ConnectionSlots;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.http.HttpRequest;
import org.vfiovnc.transport.http.HttpRequestReader;
import org.vfiovnc.transport.http.HttpResponse;
import org.vfiovnc.transport.tcp.TcpListener;

/**
 * A minimal HTTP listener that serves {@code GET /metrics} in the Prometheus text format and 404
 * for everything else. Each request runs on its own thread under one deadline for reading the
 * request and sending the answer, and a few requests at a time are served (a share of them per
 * address), so a client that sends half a request cannot hold up the scrapes.
 */
public final class MetricsHttpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MetricsHttpServer.class.getName());
    /** Time a request has to arrive and its answer to be taken; a scrape takes milliseconds. */
    static final int REQUEST_DEADLINE_MS = 5_000;
    private static final int MAX_REQUESTS = 16;
    private static final int MAX_REQUESTS_PER_ADDRESS = 4;

    private final TcpListener listener;
    private final Supplier<String> body;
    private final ConnectionSlots slots = new ConnectionSlots(MAX_REQUESTS, MAX_REQUESTS_PER_ADDRESS);

    private MetricsHttpServer(ListenAddress address, Supplier<String> body) throws IOException {
        this.body = body;
        this.listener = new TcpListener(address, this::accept);
    }

    public static MetricsHttpServer start(ListenAddress address, Supplier<String> body) throws IOException {
        MetricsHttpServer m = new MetricsHttpServer(address, body);
        if (!address.isLoopback()) {
            LOG.warning("metrics on " + m.address() + " are readable by anyone who can reach that address"
                    + " (viewers, source state, traffic): bind them to 127.0.0.1 or firewall the port");
        }
        m.listener.start();
        return m;
    }

    private void accept(Connection c) {
        String full = slots.tryTake(c.remoteAddress());
        if (full != null) {
            LOG.fine(() -> "closing metrics request from " + c.describe() + ": already " + full);
            c.close();
            return;
        }
        Thread t = new Thread(() -> {
            try (ConnectionDeadline deadline = new ConnectionDeadline(ConnectionDeadline.sharedTimer(), c,
                    REQUEST_DEADLINE_MS, "metrics request")) {
                serve(c);
            } catch (IOException e) {
                LOG.fine(() -> "metrics request from " + c.describe() + ": " + e.getMessage());
            } finally {
                c.close();
                slots.release(c.remoteAddress());
            }
        }, "metrics-http " + c.describe());
        t.setDaemon(true);
        try {
            t.start();
        } catch (OutOfMemoryError e) {
            slots.release(c.remoteAddress());
            c.close();
        }
    }

    private void serve(Connection c) throws IOException {
        c.setReadTimeout(REQUEST_DEADLINE_MS);
        HttpRequest req;
        try {
            req = HttpRequestReader.read(c.input());
        } catch (SocketTimeoutException tooSlow) {
            // An unfinished request is cut off, not answered: the deadline may close it at the same moment.
            throw tooSlow;
        } catch (IOException e) {
            HttpResponse.text(400, "Bad Request", "bad request").writeTo(c.output(), false);
            throw e;
        }
        boolean head = req.method().equals("HEAD");
        HttpResponse r;
        if (!req.path().equals("/metrics")) {
            r = HttpResponse.text(404, "Not Found", "not found; metrics are at /metrics");
        } else if (!req.method().equals("GET") && !head) {
            r = HttpResponse.text(405, "Method Not Allowed", "only GET");
        } else {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            r = new HttpResponse(200, "OK", h, body.get().getBytes(StandardCharsets.UTF_8));
        }
        r.writeTo(c.output(), head);
    }

    public ListenAddress address() {
        return listener.boundAddress();
    }

    @Override
    public void close() {
        listener.close();
    }
}
