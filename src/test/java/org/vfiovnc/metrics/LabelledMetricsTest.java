package org.vfiovnc.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two registries become one exposition: each family's HELP and TYPE once, every sample labelled with its owner. */
class LabelledMetricsTest {

    private static String registry(long clients, long bytes) {
        MetricsRegistry r = new MetricsRegistry();
        r.gauge("vfiovnc_clients", "Connected VNC viewers.", () -> clients);
        r.labeledCounterFn("vfiovnc_encoded_bytes_total", "Bytes per encoding.", "encoding", 1,
                () -> Map.of("tight", bytes));
        return r.render();
    }

    @Test
    void familiesAreMergedAndSamplesLabelled() {
        Map<String, String> rendered = new LinkedHashMap<>();
        rendered.put("alpha", registry(2, 100));
        rendered.put("be\"ta", registry(0, 7));
        assertEquals("""
                # HELP vfiovnc_clients Connected VNC viewers.
                # TYPE vfiovnc_clients gauge
                vfiovnc_clients{display="alpha"} 2
                vfiovnc_clients{display="be\\"ta"} 0
                # HELP vfiovnc_encoded_bytes_total Bytes per encoding.
                # TYPE vfiovnc_encoded_bytes_total counter
                vfiovnc_encoded_bytes_total{display="alpha",encoding="tight"} 100
                vfiovnc_encoded_bytes_total{display="be\\"ta",encoding="tight"} 7
                """, LabelledMetrics.merge("display", rendered));
        assertEquals("", LabelledMetrics.merge("display", Map.of()));
    }
}
