package org.vfiovnc.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shinyhut.vernacular.client.VernacularClient;
import com.shinyhut.vernacular.client.VernacularConfig;
import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.vfiovnc.cli.Main;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.transport.ListenAddress;

class MetricsScrapeTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(ListenAddress a, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + a + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sample lines "name{labels} value" to values. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> m = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int sp = line.lastIndexOf(' ');
            m.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
        }
        return m;
    }

    @Test
    void countersMoveWhileAViewerWatchesTheDemo() throws Exception {
        TimedSource source = new TimedSource(new DemoSource(320, 240, false));
        try (VncServer server = TestServer.start(source);
             ServerMetrics metrics = new ServerMetrics(server.loop(), server.rfb(), source);
             MetricsHttpServer endpoint = MetricsHttpServer.start(new ListenAddress("127.0.0.1", 0), metrics.registry()::render)) {
            HttpResponse<String> r0 = get(endpoint.address(), "/metrics");
            assertEquals(200, r0.statusCode());
            assertTrue(r0.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            Map<String, Double> before = parse(r0.body());
            assertEquals(0.0, before.get("vfiovnc_clients"));

            VernacularConfig config = new VernacularConfig();
            config.setColorDepth(ColorDepth.BPP_24_TRUE);
            config.setEnableHextileEncoding(true);
            AtomicInteger updates = new AtomicInteger();
            AtomicReference<Exception> error = new AtomicReference<>();
            config.setScreenUpdateListener(img -> updates.incrementAndGet());
            config.setErrorListener(error::set);
            VernacularClient client = new VernacularClient(config);
            try {
                client.start("127.0.0.1", server.port());
                long deadline = System.nanoTime() + 15_000_000_000L;
                while (updates.get() < 10 && System.nanoTime() < deadline && error.get() == null) {
                    Thread.sleep(50);
                }
                assertTrue(updates.get() >= 10, "viewer updates: " + updates.get() + " error " + error.get());
                String text = get(endpoint.address(), "/metrics").body();
                Map<String, Double> after = parse(text);
                assertEquals(1.0, after.get("vfiovnc_clients"), text);
                assertEquals(1.0, after.get("vfiovnc_source_state{state=\"LIVE\"}"), text);
                assertEquals(0.0, after.get("vfiovnc_source_state{state=\"FAILED\"}"), text);
                for (String grows : new String[] {"vfiovnc_frames_diffed_total", "vfiovnc_frames_damaged_total",
                        "vfiovnc_damage_pixels_total", "vfiovnc_updates_sent_total", "vfiovnc_update_bytes_total",
                        "vfiovnc_readbacks_total", "vfiovnc_readback_seconds_total"}) {
                    assertTrue(after.get(grows) > before.getOrDefault(grows, 0.0),
                            grows + " did not grow: " + before.get(grows) + " -> " + after.get(grows));
                }
                double encodedBytes = after.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("vfiovnc_encoded_bytes_total{"))
                        .mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0)).sum();
                assertTrue(encodedBytes > 320 * 240 / 4, "encoded bytes grew by " + encodedBytes + "\n" + text);
                assertTrue(text.contains("vfiovnc_encode_seconds_total{encoding=\""), text);
                for (String name : ServerMetrics.names()) {
                    assertTrue(text.contains("# TYPE " + name + " "), "missing " + name);
                }
            } finally {
                client.stop();
            }
            assertEquals(404, get(endpoint.address(), "/").statusCode());
        }
    }

    @Test
    void badMetricsAddressIsOneLineAndExitCode2() {
        assertEquals(2, Main.run("serve", "--source", "demo:64x64", "--listen", "127.0.0.1:0", "--metrics", "nonsense"));
    }

    @Test
    void anIncompleteRequestHoldsUpNoScrapeAndIsCutOff() throws Exception {
        try (MetricsHttpServer endpoint = MetricsHttpServer.start(new ListenAddress("127.0.0.1", 0), () -> "up 1\n");
             Socket stuck = new Socket("127.0.0.1", endpoint.address().port())) {
            stuck.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
            stuck.getOutputStream().flush();
            Thread.sleep(200);
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint.address() + "/metrics"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals("up 1\n", r.body(), "scrape " + i + " answered while a request hangs");
            }
            stuck.setSoTimeout(MetricsHttpServer.REQUEST_DEADLINE_MS + 5000);
            long t0 = System.nanoTime();
            int got;
            try {
                got = stuck.getInputStream().read();
            } catch (IOException reset) {
                got = -1;
            }
            assertEquals(-1, got, "the incomplete request is closed, not answered");
            assertTrue((System.nanoTime() - t0) / 1_000_000 < MetricsHttpServer.REQUEST_DEADLINE_MS + 4000);
        }
    }

    @Test
    void aNonLoopbackAddressIsWarnedAbout() throws Exception {
        try (LogCapture log = new LogCapture();
             MetricsHttpServer endpoint = MetricsHttpServer.start(new ListenAddress("0.0.0.0", 0), () -> "")) {
            assertTrue(log.contains("readable by anyone"), log.dump());
        }
        try (LogCapture log = new LogCapture();
             MetricsHttpServer endpoint = MetricsHttpServer.start(new ListenAddress("127.0.0.1", 0), () -> "")) {
            assertTrue(!log.contains("readable by anyone"), log.dump());
        }
    }
}
