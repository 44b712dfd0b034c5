package org.vfiovnc.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.TransportOptions;
import org.vfiovnc.transport.http.OriginPolicy;
import org.vfiovnc.transport.http.StaticFiles;
import org.vfiovnc.transport.tls.SelfSignedCertificate;
import org.vfiovnc.transport.tls.TlsServer;
import picocli.CommandLine.Option;

/**
 * The options of a port for browsers and encryption (web page, WebSocket listener, TLS, allowed
 * origins), turned into the transport options: {@code serve}'s port, and the port {@code host}
 * shares between its displays. Every problem is one line (IllegalArgumentException), which the
 * command reports.
 */
final class WebTlsOptions {
    private static final Logger LOG = Logger.getLogger(WebTlsOptions.class.getName());

    @Option(names = "--web", paramLabel = "DIR",
            description = "Directory served to browsers on the RFB port (default: the web/ directory next to the jar, "
                    + "with noVNC from npm). E.g. /usr/share/novnc for Debian's noVNC (open /vnc.html).")
    Path web;

    @Option(names = "--no-web", description = "Serve no web page (WebSocket connections still work).")
    boolean noWeb;

    @Option(names = "--websocket", paramLabel = "HOST:PORT",
            description = "Also listen here for browsers only (HTTP, WebSocket, TLS).")
    String websocket;

    @Option(names = "--allow-origin", paramLabel = "LIST",
            description = "Other web pages that may open a WebSocket here, e.g. https://console.example:8443"
                    + " (comma-separated origins; * for any page, which lets every web site drive the VM)."
                    + " Default: only the page this server serves.")
    String allowOrigin;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate (chain) for https, wss and VeNCrypt X509*.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key for --tls-cert (PKCS#8, PKCS#1 RSA or SEC1 EC).")
    Path tlsKey;

    @Option(names = "--tls-generate", paramLabel = "DIR",
            description = "Use DIR/cert.pem and DIR/key.pem, creating a self-signed pair there on first use.")
    Path tlsGenerate;

    @Option(names = "--require-tls", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            description = "Unencrypted connections must start TLS: native viewers are offered only VeNCrypt's TLS types,"
                    + " browsers on http:// are sent to https://. Default: true when a certificate is configured.")
    Boolean requireTls;

    /**
     * What a port serves beyond plain RFB, as the displays behind it need to know it.
     *
     * @param tls        the TLS setup, or null
     * @param requireTls unencrypted connections must start TLS
     * @param transport  the web page, TLS, origins and the extra browser-only listener
     */
    record Port(TlsServer tls, boolean requireTls, TransportOptions transport) {}

    /** Reads the certificate and the web directory; every problem is one line (IllegalArgumentException). */
    Port port() throws IOException {
        TlsServer tls = tls();
        return new Port(tls, requireTls(tls), transport(tls));
    }

    /** The TLS setup, or null when none was asked for. */
    TlsServer tls() throws IOException {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (tlsCert != null && tlsGenerate != null) {
            throw new IllegalArgumentException("give either --tls-cert/--tls-key or --tls-generate, not both");
        }
        try {
            if (tlsCert != null) {
                return TlsServer.fromPem(tlsCert, tlsKey);
            }
            if (tlsGenerate != null) {
                return SelfSignedCertificate.loadOrCreate(tlsGenerate, List.of());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("TLS: cannot read " + e.getMessage());
        }
        return null;
    }

    /**
     * Whether unencrypted connections must start TLS ({@code --require-tls}, which defaults to
     * whether TLS is configured); asking for it without a certificate is a mistake.
     */
    boolean requireTls(TlsServer tls) {
        if (Boolean.TRUE.equals(requireTls) && tls == null) {
            throw new IllegalArgumentException("--require-tls needs a certificate (--tls-cert/--tls-key or --tls-generate)");
        }
        return requireTls != null ? requireTls : tls != null;
    }

    TransportOptions transport(TlsServer tls) throws IOException {
        StaticFiles files = null;
        if (!noWeb) {
            Path dir = web != null ? web : defaultWebDir();
            if (web != null && !Files.isDirectory(web)) {
                throw new IllegalArgumentException("--web: " + web + " is not a directory");
            }
            if (dir != null) {
                files = new StaticFiles(dir);
                if (web == null && !Files.exists(dir.resolve("node_modules/@novnc/novnc/core/rfb.js"))) {
                    LOG.warning("noVNC is not installed in " + dir + "/node_modules: run 'npm ci' there for the browser page");
                }
            } else {
                LOG.warning("no web/ directory next to the jar: browsers get no page (give --web DIR)");
            }
        }
        TransportOptions t = TransportOptions.sniffing(files, tls).withOrigins(origins())
                .withRequireTls(tls != null && requireTls(tls));
        if (websocket != null) {
            try {
                t = t.withWebSocketListener(ListenAddress.parse(websocket));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--websocket: " + e.getMessage());
            }
        }
        return t;
    }

    private OriginPolicy origins() {
        if (allowOrigin == null) {
            return OriginPolicy.sameOrigin();
        }
        OriginPolicy p;
        try {
            p = OriginPolicy.allowing(allowOrigin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--allow-origin: " + e.getMessage());
        }
        if (p.allowsAnyOrigin()) {
            LOG.warning("--allow-origin *: ANY web page open in a browser that can reach this server may connect,"
                    + " see the screen and type into the VM (with a password: guess it). Name the origins instead.");
        } else {
            LOG.info("WebSocket also accepted from " + String.join(", ", p.describe()));
        }
        return p;
    }

    /** web/ beside the jar or one level up (target/vfio-vnc.jar in a source tree), else null. */
    static Path defaultWebDir() {
        try {
            Path jar = Path.of(WebTlsOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<Path> candidates = new ArrayList<>();
            Path dir = Files.isDirectory(jar) ? jar : jar.getParent();
            for (Path d = dir; d != null && candidates.size() < 3; d = d.getParent()) {
                candidates.add(d.resolve("web"));
            }
            for (Path c : candidates) {
                if (Files.isRegularFile(c.resolve("index.html"))) {
                    return c;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source location: fall through
        }
        return null;
    }
}
