package org.vfiovnc.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vfiovnc.testing.Tools;

/**
 * Another web site on a loopback port of its own: a host page for stock noVNC
 * (src/test/js/stock-novnc.html) and noVNC's files from web/node_modules under /novnc/. A server
 * lets its page in with {@code --allow-origin} {@link #origin()}, as an operator embedding noVNC in
 * their own site would.
 */
final class StockNoVncSite implements AutoCloseable {
    private final HttpServer http;
    private final Path page;
    private final Path novnc;

    private StockNoVncSite(HttpServer http, Path page, Path novnc) {
        this.http = http;
        this.page = page;
        this.novnc = novnc;
    }

    static StockNoVncSite start() throws IOException {
        Path page = Tools.projectDir().resolve("src/test/js/stock-novnc.html");
        Path novnc = Tools.projectDir().resolve("web/node_modules/@novnc/novnc").toRealPath();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        StockNoVncSite site = new StockNoVncSite(http, page, novnc);
        http.createContext("/", site::serve);
        http.start();
        return site;
    }

    /** The site's origin, e.g. http://127.0.0.1:41234. */
    String origin() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The host page, connecting to {@code rfbUrl} (ws:// or wss://). */
    String pageFor(String rfbUrl) {
        return origin() + "/?url=" + rfbUrl;
    }

    private void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        Path file = null;
        if (path.equals("/")) {
            file = page;
        } else if (path.startsWith("/novnc/")) {
            Path f = novnc.resolve(path.substring("/novnc/".length())).normalize();
            file = f.startsWith(novnc) && Files.isRegularFile(f) ? f : null;
        }
        if (file == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        byte[] body = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        ex.getResponseHeaders().set("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".js") ? "text/javascript" : "application/octet-stream");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
