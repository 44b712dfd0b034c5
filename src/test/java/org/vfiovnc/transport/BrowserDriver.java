package org.vfiovnc.transport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.vfiovnc.testing.Tools;

/**
 * One headless Chromium (through playwright-core, src/test/js/browser-driver.mjs) for a whole test
 * class, loading the page our server serves and reporting what noVNC drew.
 */
final class BrowserDriver implements AutoCloseable {
    /** What the canvas held: canonical 0x00RRGGBB pixels and rects decoded per encoding (JSON). */
    record Canvas(int width, int height, int[] pixels, String decodedRects) {}

    private final Process process;
    private final Writer in;
    private final BufferedReader out;
    private final Path log;

    private BrowserDriver(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static BrowserDriver start() throws IOException {
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
        BrowserDriver d = new BrowserDriver(pb.start(), log);
        String first = d.out.readLine();
        if (!"ready".equals(first)) {
            d.close();
            fail("browser driver did not start: " + first + "\n" + Tools.tail(Files.readString(log)));
        }
        return d;
    }

    /** Sends one command, returns the text after "ok ", failing the test on "err". */
    synchronized String call(String json) throws IOException {
        String reply = tryCall(json);
        if (!reply.startsWith("ok ")) {
            fail("browser: " + json.replaceAll("\"password\":\"[^\"]*\"", "\"password\":\"***\"") + " -> " + reply);
        }
        return reply.substring(3);
    }

    /** Sends one command and returns the raw reply line ("ok ..." or "err ..."). */
    synchronized String tryCall(String json) throws IOException {
        in.write(json + "\n");
        in.flush();
        String reply = out.readLine();
        if (reply == null) {
            fail("browser driver died:\n" + Tools.tail(Files.readString(log)));
        }
        return reply;
    }

    String open(String url, String password, int... encodings) throws IOException {
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

    Canvas canvas() throws IOException {
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

    void type(String text) throws IOException {
        call("{\"op\":\"type\",\"text\":\"" + text + "\"}");
    }

    /** Types {@code text} into the form field {@code selector} (replacing what it held). */
    void fill(String selector, String text) throws IOException {
        call("{\"op\":\"fill\",\"selector\":" + json(selector) + ",\"text\":" + json(text) + "}");
    }

    void click(String selector) throws IOException {
        call("{\"op\":\"click\",\"selector\":" + json(selector) + "}");
    }

    /** Waits (up to 15 s) until the field {@code selector} holds exactly {@code text}. */
    void awaitValue(String selector, String text) throws IOException {
        call("{\"op\":\"awaitValue\",\"selector\":" + json(selector) + ",\"text\":" + json(text) + "}");
    }

    /** The text content of the element {@code selector}, as a JSON string. */
    String text(String selector) throws IOException {
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

    String state() throws IOException {
        return call("{\"op\":\"state\"}");
    }

    void closePage() throws IOException {
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
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
