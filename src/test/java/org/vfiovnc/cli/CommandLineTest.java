package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: help everywhere, one clear line and a non-zero exit for every mistake. */
class CommandLineTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpOnEveryCommand() {
        Run top = run("--help");
        assertEquals(0, top.code());
        assertTrue(top.out().contains("serve"), top.out());
        for (String cmd : new picocli.CommandLine(new Main()).getSubcommands().keySet()) {
            Run r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd + " --help");
            assertTrue(r.out().contains("Usage:"), cmd + ": " + r.out());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--listen|nonsense|--listen",
        "--listen|127.0.0.1:99999|out of range",
        "--source|bogus:1|unknown source 'bogus'",
        "--source|demo:12xzz|bad size",
        "--source|raw:/tmp/x:10x10:QQQQ|unknown pixel format 'QQQQ'",
        "--source|raw:/tmp/x|expected raw:PATH:WxH:FOURCC",
        "--share-policy|sometimes|unknown share policy",
        "--tick-ms|0|--tick-ms must be 1-1000",
        "--fast-tick-ms|0|--fast-tick-ms must be 1-1000",
        "--fast-tick-ms|1001|--fast-tick-ms must be 1-1000",
        "--listen|0.0.0.0:5999|refusing to serve without authentication",
        "--password-file|/nonexistent/pw|cannot read password file",
    })
    void badArgumentsExitNonZeroWithOneClearLine(String option, String value, String expected) {
        Run r = run("serve", option, value);
        assertEquals(2, r.code(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("vfio-vnc: ") && first.contains(expected), "got: " + r.err());
    }

    @Test
    void unknownOptionIsRejected() {
        Run r = run("serve", "--frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--frobnicate"), r.err());
    }

    @Test
    void rawFileTooShortFailsAtStartWithExitCodeOne() throws Exception {
        Path f = dir.resolve("fb");
        Files.write(f, new byte[100]);
        Run r = run("serve", "--source", "raw:" + f + ":100x100:XR24", "--listen", "127.0.0.1:0");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("is 100 bytes") && r.err().contains("needs 40000"), r.err());
    }

    @Test
    void jarServesTheDemoAndSaysWhereItListens() throws Exception {
        Path jar = Path.of(System.getProperty("vfiovnc.projectDir", ".")).resolve("target/classes");
        String cp = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, "org.vfiovnc.cli.Main", "serve", "--listen", "127.0.0.1:0"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            assertTrue(line != null && line.matches("listening on 127\\.0\\.0\\.1:\\d+"), "first line: " + line + " (" + jar + ")");
            int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
            try (org.vfiovnc.testing.RawRfbClient c = new org.vfiovnc.testing.RawRfbClient(port).handshakeNone()) {
                assertEquals(1280, c.width);
                assertEquals(720, c.height);
            }
        } finally {
            p.destroy();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        }
    }
}
