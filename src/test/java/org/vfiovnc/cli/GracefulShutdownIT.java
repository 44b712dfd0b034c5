package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.WatchingViewer;

/**
 * Runs the packaged jar as a real process ({@code java -jar target/vfio-vnc.jar serve}), connects
 * viewers and stops it with SIGTERM or SIGINT: the viewers' connections are closed cleanly (end of
 * stream, not a reset), the process exits 0 within a few seconds and says what it did.
 * An integration test (failsafe, after package) because it needs the jar.
 */
class GracefulShutdownIT {

    @Test
    void sigtermClosesViewersAndExitsZero() throws Exception {
        stopWith("TERM");
    }

    @Test
    void sigintClosesViewersAndExitsZero() throws Exception {
        stopWith("INT");
    }

    private void stopWith(String signal) throws Exception {
        Path jar = Path.of(System.getProperty("vfiovnc.projectDir", "."), "target", "vfio-vnc.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built by mvn package before integration tests");
        Path err = Files.createTempFile("serve-", ".log");
        // env(1) resets SIGINT and SIGTERM to their defaults and then execs java (same pid): a shell
        // that started the build in the background (nohup, &) leaves SIGINT ignored, and a JVM that
        // inherits an ignored SIGINT never installs its handler for it.
        String env = org.vfiovnc.testing.Tools.require("env", "coreutils");
        Process p = new ProcessBuilder(List.of(env, "--default-signal=INT,TERM",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "serve", "--source", "demo:320x200", "--listen", "127.0.0.1:0"))
                .redirectError(err.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertNotNull(line, "serve printed nothing: " + Files.readString(err));
            assertTrue(line.startsWith("listening on "), line);
            int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());

            try (WatchingViewer viewer = WatchingViewer.connect(port);
                 RawRfbClient raw = RawRfbClient.connect(null, port, 10_000)) {
                raw.handshakeNone();
                int[] size = {raw.width, raw.height};
                assertTrue(viewer.awaitUpdates(3, 10_000), "viewer served: " + viewer.errors());
                raw.requestUpdate(false, size[0], size[1]);

                long t0 = System.nanoTime();
                Signals.kill(p.pid(), signal);
                // Clean close: the raw client reads what was sent, then end of stream (no reset).
                byte[] sink = new byte[65536];
                while (raw.in.read(sink) >= 0) {
                    // drain
                }
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "exited within 10 s of SIG" + signal);
                double s = (System.nanoTime() - t0) / 1e9;
                assertEquals(0, p.exitValue(), "exit code after SIG" + signal + "; log:\n" + Files.readString(err));
                assertTrue(s < 5, "stopped in " + s + " s");
            }
            String log = Files.readString(err);
            assertTrue(log.contains("received SIG" + signal), log);
            assertTrue(log.contains("disconnected: server shutting down"), log);
            assertTrue(log.contains("stopped"), log);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }

    /** Sends a signal with kill(1): the JDK itself can only send SIGTERM and SIGKILL. */
    static final class Signals {
        static void kill(long pid, String signal) throws IOException, InterruptedException {
            String kill = org.vfiovnc.testing.Tools.require("kill", "procps");
            Process k = new ProcessBuilder(kill, "-" + signal, Long.toString(pid)).inheritIO().start();
            assertEquals(0, k.waitFor(), "kill -" + signal + " " + pid);
        }
    }
}
