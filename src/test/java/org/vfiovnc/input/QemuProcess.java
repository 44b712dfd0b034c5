package org.vfiovnc.input;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vfiovnc.testing.Tools;

/**
 * A real QEMU with a virtio keyboard and tablet and a QMP socket, tracing every input event it
 * receives ({@code -trace input_event_*}) into a log the test reads.
 */
final class QemuProcess implements AutoCloseable {
    private final Process process;
    final Path qmpSocket;
    final Path trace;

    private QemuProcess(Process process, Path qmpSocket, Path trace) {
        this.process = process;
        this.qmpSocket = qmpSocket;
        this.trace = trace;
    }

    /** Starts QEMU without a guest (SeaBIOS idles); extra arguments may add a kernel. */
    static QemuProcess start(Path dir, String... extra) throws IOException, InterruptedException {
        String qemu = Tools.require("qemu-system-x86_64", "qemu-system-x86");
        Path sock = dir.resolve("qmp.sock");
        Path trace = dir.resolve("trace-" + System.nanoTime() + ".log");
        Files.deleteIfExists(sock);
        List<String> cmd = new ArrayList<>(List.of(qemu, "-machine", "pc", "-accel", "tcg", "-m", "256",
                "-nodefaults", "-display", "none", "-device", "virtio-keyboard-pci", "-device", "virtio-tablet-pci",
                "-qmp", "unix:" + sock + ",server=on,wait=off", "-trace", "input_event_*", "-D", trace.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("qemu-stdout-" + System.nanoTime() + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(sock)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                fail("QEMU did not open its QMP socket: " + cmd);
            }
            Thread.sleep(50);
        }
        return new QemuProcess(p, sock, trace);
    }

    String trace() throws IOException {
        return Files.exists(trace) ? Files.readString(trace, StandardCharsets.ISO_8859_1) : "";
    }

    /** Waits until the trace holds every expected line fragment, in order of appearance checks. */
    void awaitTrace(long timeoutMs, String... expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            String t = trace();
            String missing = null;
            for (String e : expected) {
                if (!t.contains(e)) {
                    missing = e;
                    break;
                }
            }
            if (missing == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("QEMU never received '" + missing + "'; trace:\n" + Tools.tail(t));
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
