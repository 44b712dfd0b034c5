package org.vfiovnc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One headless Chromium (through playwright-core, src/test/js/browser-driver.mjs) for a whole test
 * class, loading the page our server serves and reporting what noVNC drew.
 */
public final class BrowserDriver implements AutoCloseable {
    /** What the canvas held: canonical 0x00RRGGBB pixels and rects decoded per encoding (JSON). */
    public record Canvas(int width, int height, int[] pixels, String decodedRects) {}

    /** Page expression: the canvas has exactly the size of the page's screen area (remote resize followed). */
    public static final String CANVAS_FILLS_SCREEN = "(() => { const c = document.querySelector('#screen canvas');"
            + " const r = document.getElementById('screen').getBoundingClientRect();"
            + " return !!c && c.width === Math.floor(r.width) && c.height === Math.floor(r.height); })()";
    /** Page expression: the page's screen area as "WxH" (what noVNC asks the VM for in remote resize). */
    public static final String SCREEN_SIZE = "(() => { const r = document.getElementById('screen').getBoundingClientRect();"
            + " return Math.floor(r.width) + 'x' + Math.floor(r.height); })()";

    /** Put after the driver's last line: no line of its output holds a NUL. */
    private static final String END = "\0end";
    /** The driver's own waits are 15 s at most; Chromium's start takes a few seconds. */
    private static final long REPLY_SECONDS = 60;

    private final Process process;
    private final Writer in;
    private final Path log;
    /**
     * The driver's output lines, read by a thread of their own: a read from a pipe ignores
     * interrupts, so a test waiting on it directly would outlive its timeout when the driver hangs.
     */
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private BrowserDriver(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the driver is gone
            }
            lines.add(END);
        }, "browser-driver-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The driver's next line, null when it ended; fails the test when none comes in time. */
    private String nextLine() throws IOException {
        String line;
        try {
            line = lines.poll(REPLY_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the browser driver");
        }
        if (line == null) {
            fail("browser driver gave no answer within " + REPLY_SECONDS + " s:\n" + Tools.tail(Files.readString(log)));
        }
        return END.equals(line) ? null : line;
    }

    public static BrowserDriver start() throws IOException {
        String node = Tools.require("node", "nodejs");
        String chromium = Tools.require("chromium", "chromium");
        Path modules = Tools.projectDir().resolve("web/node_modules");
        if (!Files.isDirectory(modules.resolve("playwright-core")) || !Files.isDirectory(modules.resolve("@novnc/novnc/core"))) {
            fail("web/node_modules lacks playwright-core or @novnc/novnc; run .ci/setup.d/30-web.sh (npm ci in web/)");
        }
        Path log = Files.createTempFile("browser-driver", ".log");
        ProcessBuilder pb = new ProcessBuilder(node, Tools.projectDir().resolve("src/test/js/browser-driver.mjs").toString())
                .redirectError(log.toFile());
        pb.environment().put("VFIOVNC_NODE_MODULES", modules.toString());
        pb.environment().put("VFIOVNC_CHROMIUM", chromium);
        BrowserDriver d = new BrowserDriver(ChildProcesses.start(pb), log);
        String first;
        try {
            first = d.nextLine();
        } catch (IOException | RuntimeException | Error e) {
            d.close();
            throw e;
        }
        if (!"ready".equals(first)) {
            d.close();
            fail("browser driver did not start: " + first + "\n" + Tools.tail(Files.readString(log)));
        }
        return d;
    }

    /** Sends one command, returns the text after "ok ", failing the test on "err". */
    public synchronized String call(String json) throws IOException {
        String reply = tryCall(json);
        if (!reply.startsWith("ok ")) {
            fail("browser: " + json.replaceAll("\"password\":\"[^\"]*\"", "\"password\":\"***\"") + " -> " + reply);
        }
        return reply.substring(3);
    }

    /** Sends one command and returns the raw reply line ("ok ..." or "err ..."). */
    public synchronized String tryCall(String json) throws IOException {
        in.write(json + "\n");
        in.flush();
        String reply = nextLine();
        if (reply == null) {
            fail("browser driver died:\n" + Tools.tail(Files.readString(log)));
        }
        return reply;
    }

    public String open(String url, String password, int... encodings) throws IOException {
        StringBuilder sb = new StringBuilder("{\"op\":\"open\",\"url\":\"").append(url).append('"');
        if (password != null) {
            sb.append(",\"password\":\"").append(password).append('"');
        }
        if (encodings.length > 0) {
            sb.append(",\"encodings\":[");
            for (int i = 0; i < encodings.length; i++) {
                sb.append(i > 0 ? "," : "").append(encodings[i]);
            }
            sb.append(']');
        }
        return call(sb.append('}').toString());
    }

    /**
     * Loads a page that connects by itself (ours, or a host page of stock noVNC), answers its
     * credential prompt with {@code username} (when it asks for one) and {@code password} (either
     * may be null), and waits for the end of the handshake. The raw reply: "ok URL STATE" with where
     * the page ended up and "connected" or the failure it shows, or "err ..." when it never settled.
     */
    public String connect(String url, String username, String password) throws IOException {
        StringBuilder sb = new StringBuilder("{\"op\":\"connect\",\"url\":").append(json(url));
        if (username != null) {
            sb.append(",\"username\":").append(json(username));
        }
        if (password != null) {
            sb.append(",\"password\":").append(json(password));
        }
        return tryCall(sb.append('}').toString());
    }

    /** Loads any page; "STATUS STATE" (STATE: the page's body data-state, awaited when asked). */
    public String visit(String url, boolean awaitState) throws IOException {
        return call("{\"op\":\"visit\",\"url\":\"" + url + "\",\"awaitState\":" + awaitState + "}");
    }

    /** Opens the page with {@code query} (e.g. "view=remote") instead of "scale=0"; {@code password} may be null. */
    public String openWith(String url, String query, String password) throws IOException {
        return call("{\"op\":\"open\",\"url\":\"" + url + "\",\"query\":\"" + query + "\""
                + (password == null ? "" : ",\"password\":\"" + password + "\"") + "}");
    }

    /** Clicks the element {@code selector} names, as a user would. */
    public void click(String selector) throws IOException {
        call("{\"op\":\"click\",\"selector\":" + json(selector) + "}");
    }

    /** Makes the browser's window {@code width} x {@code height} CSS pixels. */
    public void viewport(int width, int height) throws IOException {
        call("{\"op\":\"viewport\",\"width\":" + width + ",\"height\":" + height + "}");
    }

    /** A page expression's value, as JSON text (no double quotes in {@code js}). */
    public String eval(String js) throws IOException {
        return call("{\"op\":\"eval\",\"js\":\"" + js + "\"}");
    }

    /** Waits until a page expression is true; the reply ("err ...") when it did not become so in {@code ms}. */
    public String awaitTrue(String js, int ms) throws IOException {
        return tryCall("{\"op\":\"awaitTrue\",\"js\":\"" + js + "\",\"timeoutMs\":" + ms + "}");
    }

    public Canvas canvas() throws IOException {
        String[] p = call("{\"op\":\"pixels\"}").split(" ", 4);
        int w = Integer.parseInt(p[0]);
        int h = Integer.parseInt(p[1]);
        byte[] rgba = Base64.getDecoder().decode(p[3]);
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (rgba[4 * i] & 0xff) << 16 | (rgba[4 * i + 1] & 0xff) << 8 | (rgba[4 * i + 2] & 0xff);
        }
        return new Canvas(w, h, px, p[2]);
    }

    public void type(String text) throws IOException {
        call("{\"op\":\"type\",\"text\":\"" + text + "\"}");
    }

    /** The URLs of the page's frames, the page first (JSON). */
    public String frames() throws IOException {
        return call("{\"op\":\"frames\"}");
    }

    /** The page's console messages and errors so far (JSON). */
    public String log() throws IOException {
        return call("{\"op\":\"log\"}");
    }

    /** Where the page is now (after any redirect). */
    public String url() throws IOException {
        return call("{\"op\":\"url\"}");
    }

    /** Types {@code text} into the form field {@code selector} (replacing what it held). */
    public void fill(String selector, String text) throws IOException {
        call("{\"op\":\"fill\",\"selector\":" + json(selector) + ",\"text\":" + json(text) + "}");
    }

    /** Waits (up to 15 s) until the field {@code selector} holds exactly {@code text}. */
    public void awaitValue(String selector, String text) throws IOException {
        call("{\"op\":\"awaitValue\",\"selector\":" + json(selector) + ",\"text\":" + json(text) + "}");
    }

    /** The text content of the element {@code selector}, as a JSON string. */
    public String text(String selector) throws IOException {
        return call("{\"op\":\"text\",\"selector\":" + json(selector) + "}");
    }

    /** {@code s} as a JSON string literal. */
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    public String state() throws IOException {
        return call("{\"op\":\"state\"}");
    }

    public void closePage() throws IOException {
        call("{\"op\":\"close\"}");
    }

    @Override
    public void close() {
        try {
            in.write("{\"op\":\"quit\"}\n");
            in.flush();
        } catch (IOException ignored) {
            // dying anyway
        }
        // node, and the Chromium that Playwright started under it
        ChildProcesses.awaitOrStop(process, 10);
    }
}
