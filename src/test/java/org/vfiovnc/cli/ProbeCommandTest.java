package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The probe command's command-line behaviour on a host without VFIO devices (the guest tests probe
 * real ones): bad arguments exit 2 with one line, a missing device exits 1 saying so, JSON is valid.
 */
class ProbeCommandTest {

    private static int run(ByteArrayOutputStream err, String... args) {
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return Main.run(args);
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void badDeviceSpecIsOneLineAndExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(err, "probe", "nonsense"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bad vfio source"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badReadbackIsRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(err, "probe", "--readback", "gpu", "11111111-2222-3333-4444-000000000001"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--readback must be"));
    }

    @Test
    void missingDeviceSaysNoSuchDevice() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, run(err, "probe", "11111111-2222-3333-4444-00000000dead"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such device"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonEscapesAndNests() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", "a\"b\\c\n");
        m.put("plane_types", List.of("region", "dmabuf"));
        m.put("primary_plane", Map.of("width", 640));
        m.put("mmap", true);
        StringBuilder b = new StringBuilder();
        ProbeCommand.Json.write(b, m);
        assertEquals("{\"device\":\"a\\\"b\\\\c\\n\",\"plane_types\":[\"region\",\"dmabuf\"],\"primary_plane\":{\"width\":640},\"mmap\":true}",
                b.toString());
    }

    @Test
    void serveRejectsUnknownReadback() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(err, "serve", "--readback", "gpu", "--source", "demo"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--readback must be"));
    }
}
