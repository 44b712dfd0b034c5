package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each limit flag rejects a value out of range with one line naming the flag, and exit code 2. */
class LimitOptionsTest {

    @ParameterizedTest
    @CsvSource({
        "--max-clients, 0",
        "--max-pending, 0",
        "--max-pending-per-address, 0",
        "--handshake-timeout, 0",
        "--auth-timeout, 0",
        "--idle-timeout, -1",
        "--max-message, 10",
        "--max-cut-text, -5",
        "--client-stall-timeout, 0",
        "--source-timeout, 0",
    })
    void outOfRangeLimitIsOneClearLine(String flag, String value) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run("serve", flag, value, "--listen", "127.0.0.1:0");
        } finally {
            System.setErr(oldErr);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        // The first line of our own (a JVM agent such as the fuzzer's may print its own lines too).
        String first = text.lines().filter(l -> l.startsWith("vfio-vnc:")).findFirst().orElse(text);
        assertTrue(first.startsWith("vfio-vnc: " + flag + " must be"), first);
    }
}
