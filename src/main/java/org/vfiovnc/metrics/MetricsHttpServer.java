package org.vfiovnc.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.vfiovnc.transport.ListenAddress;

/**
 * A minimal HTTP listener (the JDK's com.sun.net.httpserver) that serves {@code GET /metrics} in
 * the Prometheus text format and 404 for everything else. One thread: scrapes are rare.
 */
public final class MetricsHttpServer implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService executor;

    private MetricsHttpServer(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    public static MetricsHttpServer start(ListenAddress address, Supplier<String> body) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(address.resolve().getAddress(), address.port()), 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/", exchange -> handle(exchange, body));
        http.start();
        return new MetricsHttpServer(http, executor);
    }

    private static void handle(HttpExchange ex, Supplier<String> body) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!path.equals("/metrics")) {
                reply(ex, 404, "not found; metrics are at /metrics\n");
            } else if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                reply(ex, 405, "only GET\n");
            } else {
                ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                reply(ex, 200, body.get());
            }
        }
    }

    private static void reply(HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (status != 200) {
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        }
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public ListenAddress address() {
        InetSocketAddress a = http.getAddress();
        return new ListenAddress(a.getAddress().getHostAddress(), a.getPort());
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
