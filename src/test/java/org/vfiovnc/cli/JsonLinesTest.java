package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.vfiovnc.testing.Tools;

class JsonLinesTest {

    @Test
    void eachRecordIsOneLineOfValidJson() throws Exception {
        LogRecord r = new LogRecord(Level.WARNING, "client \"x\" said:\n\tbye\u0001");
        r.setLoggerName("org.vfiovnc.rfb.ClientSession");
        r.setThrown(new IllegalStateException("boom"));
        String line = new JsonLines().format(r);
        assertTrue(line.endsWith("}\n"));
        assertEquals(1, line.split("\n", -1).length - 1, "exactly one line");
        // An independent JSON parser (python3's) reads it back with the same fields.
        String python = Tools.require("python3", "python3");
        Process p = new ProcessBuilder(python, "-c",
                "import json,sys; o=json.loads(sys.stdin.read()); print(o['level']); print(o['logger']); print(repr(o['message'])); print('boom' in o['error'])")
                .redirectErrorStream(true).start();
        p.getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        List<String> out = new ArrayList<>();
        try (BufferedReader br = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            br.lines().forEach(out::add);
        }
        assertEquals(0, p.waitFor(), String.join("\n", out));
        assertEquals(List.of("WARNING", "org.vfiovnc.rfb.ClientSession", "'client \"x\" said:\\n\\tbye\\x01'", "True"), out);
    }
}
