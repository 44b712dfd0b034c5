package org.vfiovnc.transport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the files of one directory over GET and HEAD: no directory listings, and nothing outside
 * the root - {@code ..} and {@code .} segments (also percent-encoded), encoded slashes, NUL bytes and
 * symlinks that lead out of the root all get 404, and so do dotfiles ({@code .git}, {@code .env}).
 * "/" is index.html. The URL prefix {@code /novnc/} maps to {@code node_modules/@novnc/novnc/}
 * under the root when that exists (npm puts noVNC there), so the rest of node_modules is never
 * served. Every answer carries a Content-Security-Policy: no other site may frame the page (it
 * could trick a user into clicking into the VM), and scripts come only from this server.
 */
public final class StaticFiles {
    static final String NOVNC_PREFIX = "/novnc/";
    private static final String NOVNC_DIR = "node_modules/@novnc/novnc";
    private static final long MAX_FILE_BYTES = 16L << 20;
    /**
     * Scripts, styles and connections from this server only ('self' covers ws:// and wss:// to it);
     * images also as data: and blob: URLs (noVNC draws JPEG and PNG rectangles through them);
     * inline styles allowed for pages given with --web; framed by no other site.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:;"
            + " style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'self'";

    private final Path root;

    /** @param root an existing directory */
    public StaticFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("web directory " + root + " does not exist");
        }
        this.root = root.toRealPath();
    }

    public Path root() {
        return root;
    }

    public HttpResponse respond(HttpRequest req) {
        if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
            HttpResponse r = HttpResponse.text(405, "Method Not Allowed", "only GET and HEAD");
            r.headers().put("Allow", "GET, HEAD");
            return r;
        }
        Optional<Path> file = resolve(req.path());
        if (file.isEmpty()) {
            return HttpResponse.text(404, "Not Found", "not found");
        }
        byte[] body;
        try {
            if (Files.size(file.get()) > MAX_FILE_BYTES) {
                return HttpResponse.text(404, "Not Found", "not found");
            }
            body = Files.readAllBytes(file.get());
        } catch (IOException e) {
            return HttpResponse.text(404, "Not Found", "not found");
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", ContentTypes.of(file.get().getFileName().toString()));
        h.put("Cache-Control", "no-cache");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.put("X-Frame-Options", "SAMEORIGIN"); // frame-ancestors for browsers without CSP 2
        return new HttpResponse(200, "OK", h, body);
    }

    /** The regular file a URL path names inside the root, or empty. */
    Optional<Path> resolve(String urlPath) {
        if (!urlPath.startsWith("/")) {
            return Optional.empty();
        }
        String rel = urlPath.equals("/") ? "/index.html" : urlPath;
        Path base = root;
        if (rel.startsWith(NOVNC_PREFIX)) {
            base = root.resolve(NOVNC_DIR);
            rel = rel.substring(NOVNC_PREFIX.length() - 1);
        } else if (rel.startsWith("/node_modules/") || rel.equals("/node_modules")) {
            return Optional.empty();
        }
        Path p = base;
        for (String raw : rel.substring(1).split("/", -1)) {
            String seg = decode(raw);
            if (seg == null || seg.isEmpty() || seg.startsWith(".")
                    || seg.contains("/") || seg.contains("\\") || seg.indexOf('\0') >= 0) {
                return Optional.empty();
            }
            p = p.resolve(seg);
        }
        try {
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            Path real = p.toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Percent-decodes one path segment; null when malformed. */
    static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0x7e || c < 0x21) {
                return null;
            } else {
                out.write(c);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
