package org.vfiovnc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The QEMU test guest shared by the VFIO, QMP and D-Bus tests: its kernel, and waiting on its reports. */
public final class GuestKernel {
    private static Path kernel;

    private GuestKernel() {}

    /**
     * The guest kernel from native-stubs/guest/build-kernel.sh: cached by the hash of its inputs, built
     * (15-30 min on 2 cores) only when the cache lacks it; CI's setup.d builds it first.
     */
    public static synchronized Path path() throws IOException, InterruptedException {
        if (kernel == null) {
            Path script = Tools.projectDir().resolve("native-stubs/guest/build-kernel.sh");
            Tools.Result r = Tools.run(List.of("bash", script.toString()), Map.of(), 3600);
            String[] lines = r.output().trim().split("\n");
            Path k = Path.of(lines[lines.length - 1].trim());
            if (r.exitCode() != 0 || !Files.isRegularFile(k)) {
                fail("guest kernel build failed:\n" + Tools.tail(r.output()));
            }
            kernel = k;
        }
        return kernel;
    }

    /**
     * Waits until {@code file} (written by a guest program) contains every one of {@code expected},
     * failing after {@code seconds} with the file and {@code diagnostics} (e.g. the guest console).
     */
    public static void awaitReport(Path file, int seconds, Supplier<String> diagnostics, String... expected)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String text = Files.exists(file) ? Files.readString(file) : "";
            String missing = null;
            for (String e : expected) {
                if (!text.contains(e)) {
                    missing = e;
                    break;
                }
            }
            if (missing == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("guest never reported '" + missing.trim() + "'; events:\n" + text + "\n" + diagnostics.get());
            }
            Thread.sleep(100);
        }
    }

    /** The tail of a log file for a failure message, or "" when it does not exist. */
    public static String tailOf(String title, Path log) {
        try {
            return "--- " + title + "\n" + Tools.tail(Files.exists(log) ? Files.readString(log) : "") + "\n";
        } catch (IOException e) {
            return "--- " + title + ": unreadable (" + e.getMessage() + ")\n";
        }
    }
}
