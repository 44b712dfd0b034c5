package org.vfiovnc.cli;

import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.vfiovnc.testing.BrowserDriver;
import org.vfiovnc.testing.GvncCapture;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.Ppm;
import org.vfiovnc.testing.TigerViewer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.testing.Vernacular;
import org.vfiovnc.testing.Xvfb;

/**
 * The matrix's viewers, each run the way its user would, with whatever credentials the setting has
 * (a viewer asks for what it needs): each either shows the expected picture exactly, or ends
 * showing its user something, which the test then explains.
 */
final class MatrixViewers {
    /** One row of the matrix: a viewer over one transport. */
    enum Row {
        PAGE_HTTP("served page, http://", true, false),
        PAGE_HTTPS("served page, https://", true, true),
        NOVNC_WS("stock noVNC 1.7, ws://", true, false),
        NOVNC_WSS("stock noVNC 1.7, wss://", true, true),
        TIGER("TigerVNC vncviewer, TCP", false, false),
        GVNC("gtk-vnc gvnccapture, TCP", false, false),
        LIBVNC("libvncclient, TCP", false, false),
        VERNACULAR("vernacular, TCP", false, false);

        final String label;
        final boolean browser;
        /** Over TLS from the first byte (https/wss): only where a certificate is configured. */
        final boolean tlsFirst;

        Row(String label, boolean browser, boolean tlsFirst) {
            this.label = label;
            this.browser = browser;
            this.tlsFirst = tlsFirst;
        }
    }

    /** What the setting's users know; null fields where the setting has none. */
    record Credentials(String username, String password, Path tigerPasswordFile) {}

    /** The picture shown exactly, or what the viewer showed its user instead. */
    record Outcome(boolean picture, boolean redirected, String shown) {
        static Outcome shown(String text) {
            return new Outcome(false, false, text.strip());
        }
    }

    private static final long PICTURE_SECONDS = 20;
    private final int[] picture;
    private final int width;
    private final int height;
    private final Path caCertificate;
    private final BrowserDriver browser;
    private final StockNoVncSite stockSite;
    private final Xvfb display;
    private final Path libvncCapture;
    private final GvncCapture gvnc;

    MatrixViewers(int[] picture, int width, int height, Path caCertificate, BrowserDriver browser, StockNoVncSite stockSite,
                  Xvfb display) throws IOException, InterruptedException {
        this.picture = picture;
        this.width = width;
        this.height = height;
        this.caCertificate = caCertificate;
        this.browser = browser;
        this.stockSite = stockSite;
        this.display = display;
        this.libvncCapture = Tools.compileC("native-stubs/viewers/vncclient-capture.c", "-lvncclient");
        this.gvnc = GvncCapture.trusting(caCertificate);
    }

    Outcome run(Row row, int port, Credentials c) throws Exception {
        return switch (row) {
            case PAGE_HTTP -> browser("http://127.0.0.1:" + port + "/?scale=0", "http:", c);
            case PAGE_HTTPS -> browser("https://127.0.0.1:" + port + "/?scale=0", "https:", c);
            case NOVNC_WS -> browser(stockSite.pageFor("ws://127.0.0.1:" + port + "/websockify"), "http:", c);
            case NOVNC_WSS -> browser(stockSite.pageFor("wss://127.0.0.1:" + port + "/websockify"), "http:", c);
            case TIGER -> tiger(port, c);
            case GVNC -> gvnc(port, c);
            case LIBVNC -> libvnc(port, c);
            case VERNACULAR -> vernacular(port, c);
        };
    }

    /** A page that connects as it loads; {@code scheme} is where it should stay (else it was redirected). */
    private Outcome browser(String url, String scheme, Credentials c) throws Exception {
        try {
            return inBrowser(url, scheme, c);
        } finally {
            browser.closePage(); // disconnects, as closing the tab would
        }
    }

    private Outcome inBrowser(String url, String scheme, Credentials c) throws Exception {
        String reply = browser.connect(url, c.username(), c.password());
        if (!reply.startsWith("ok ")) {
            return Outcome.shown("browser driver: " + reply);
        }
        String[] urlAndState = reply.substring(3).split(" ", 2);
        String state = urlAndState.length > 1 ? urlAndState[1] : "";
        if (!state.equals("connected")) {
            return Outcome.shown(state);
        }
        String last = "no canvas";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PICTURE_SECONDS);
        while (System.nanoTime() < deadline) {
            BrowserDriver.Canvas canvas = browser.canvas();
            last = canvas.width() != width || canvas.height() != height
                    ? "canvas is " + canvas.width() + "x" + canvas.height()
                    : Pixels.compare(picture, canvas.pixels(), width, 0);
            if (last == null) {
                return new Outcome(true, !urlAndState[0].startsWith(scheme), "");
            }
            Thread.sleep(100);
        }
        return Outcome.shown("connected, but the canvas never showed the picture: " + last);
    }

    private Outcome tiger(int port, Credentials c) throws Exception {
        List<String> params = new ArrayList<>(List.of("-X509CA=" + caCertificate));
        Map<String, String> env = new HashMap<>();
        if (c.username() != null) {
            // TigerVNC takes Plain credentials from these (they win over -PasswordFile).
            env.put("VNC_USERNAME", c.username());
            env.put("VNC_PASSWORD", c.password());
        } else if (c.tigerPasswordFile() != null) {
            params.add("-PasswordFile=" + c.tigerPasswordFile());
        }
        try (TigerViewer v = TigerViewer.startOn(display, port, env, params.toArray(String[]::new))) {
            String last = "nothing shown";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PICTURE_SECONDS);
            while (System.nanoTime() < deadline && v.isAlive()) {
                last = v.differenceFrom(picture, width, height);
                if (last == null) {
                    return new Outcome(true, false, "");
                }
                Thread.sleep(200);
            }
            // Its log is what it shows: with -AlertOnFatalError=0 the error goes there, not to a dialog.
            return Outcome.shown((v.isAlive() ? "still running, never showed the picture: " + last + "\n" : "") + v.log());
        }
    }

    private Outcome gvnc(int port, Credentials c) throws Exception {
        GvncCapture.Shot shot = gvnc.capture(port, c.username(), c.password(), 90);
        if (!shot.saved()) {
            return Outcome.shown(shot.output());
        }
        return matches(Pixels.read(shot.png()), shot.output());
    }

    private Outcome libvnc(int port, Credentials c) throws Exception {
        Path ppm = Files.createTempDirectory("libvnc").resolve("shot.ppm");
        Map<String, String> env = new HashMap<>(Map.of("VNC_CA_FILE", caCertificate.toString()));
        if (c.username() != null) {
            env.put("VNC_USERNAME", c.username());
        }
        if (c.password() != null) {
            env.put("VNC_PASSWORD", c.password());
        }
        Tools.Result r = Tools.run(List.of(libvncCapture.toString(), "127.0.0.1", Integer.toString(port), "tight zrle raw",
                "32", ppm.toString(), "100"), env, 60);
        if (r.exitCode() != 0) {
            return Outcome.shown(r.output());
        }
        return matches(Ppm.read(ppm).rgb, r.output());
    }

    private Outcome vernacular(int port, Credentials c) throws Exception {
        try (Vernacular v = Vernacular.connect(port, ColorDepth.BPP_24_TRUE, config -> {
            config.setUsernameSupplier(c::username);
            config.setPasswordSupplier(c::password);
        })) {
            String last = "no image";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PICTURE_SECONDS);
            while (System.nanoTime() < deadline && v.errors().isEmpty()) {
                BufferedImage img = v.lastImage();
                if (img != null) {
                    last = img.getWidth() != width ? "image width " + img.getWidth() : Pixels.compare(picture, Pixels.of(img), width, 0);
                    if (last == null) {
                        return new Outcome(true, false, "");
                    }
                }
                Thread.sleep(50);
            }
            // What its error listener got is what an application using it would show.
            return Outcome.shown(v.errors().isEmpty() ? "never showed the picture: " + last : String.join("\n", v.errors()));
        }
    }

    private Outcome matches(int[] shown, String output) {
        String diff = Pixels.compare(picture, shown, width, 0);
        return diff == null ? new Outcome(true, false, "") : Outcome.shown("the picture differs: " + diff + "\n" + Tools.tail(output));
    }
}
