package org.vfiovnc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a test's QEMU is started: an x86_64 PC under TCG with the memory, devices, display and sockets
 * the test asks for. {@link #start} may be called again for a QEMU that comes back (same QMP socket).
 */
public final class QemuBuilder {
    /** Numbers each start's log and trace, unique in the JVM: a folder may see several QEMUs. */
    private static final AtomicInteger STARTS = new AtomicInteger();

    private final Path dir;
    private final List<String> options = new ArrayList<>();
    private int memoryMb = 256;
    private String accel = "tcg";
    private boolean qmp;
    private boolean qmpHandshakeOnStart;
    private boolean traceInput;
    private Path kernel;
    private String kernelCommandLine;

    QemuBuilder(Path dir) {
        this.dir = dir;
    }

    /** The folder for QEMU's log, sockets and traces (for a test guest: the guest's share). */
    public Path dir() {
        return dir;
    }

    /**
     * Puts native-stubs/guest/evdev-dump.c (built static) in the guest's share, for a run.sh that
     * records the guest's input devices; returns where the guest writes what it read ("events").
     */
    public Path withEvdevDump() throws IOException, InterruptedException {
        Files.copy(Tools.compileC("native-stubs/guest/evdev-dump.c", "-static"), dir.resolve("evdev-dump"));
        return dir.resolve("events");
    }

    /** {@link #withEvdevDump()} with a run.sh that records for {@code seconds}, then lets the guest power off. */
    public Path recordingEvdev(int seconds) throws IOException, InterruptedException {
        Path events = withEvdevDump();
        Files.writeString(dir.resolve("run.sh"), "\"$RESULTS/evdev-dump\" " + seconds + " > \"$RESULTS/events\" 2>&1\n");
        return events;
    }

    public QemuBuilder memory(int mb) {
        memoryMb = mb;
        return this;
    }

    /** Two virtual CPUs ("max" model) on two TCG threads: a Linux guest boots in about half the time. */
    public QemuBuilder twoCpus() {
        accel = "tcg,thread=multi";
        return options("-cpu", "max", "-smp", "2");
    }

    /** {@code -display} (none, dbus,addr=...). */
    public QemuBuilder display(String display) {
        return options("-display", display);
    }

    /** Further QEMU options as they are written on its command line. */
    public QemuBuilder options(String... more) {
        options.addAll(List.of(more));
        return this;
    }

    /** A virtio keyboard and a virtio tablet (absolute pointer). */
    public QemuBuilder inputDevices() {
        return options("-device", "virtio-keyboard-pci", "-device", "virtio-tablet-pci");
    }

    /** A QMP server socket ({@link Qemu#qmpSocket()}, qmp.sock in the folder). */
    public QemuBuilder qmp() {
        qmp = true;
        return this;
    }

    /**
     * A QMP socket that the test itself talks to: {@link #start} returns after the QMP handshake,
     * when QEMU has set up its machine, devices and displays (a -display dbus has its bus name).
     * Not for a QMP client under test: QEMU serves one QMP connection at a time.
     */
    public QemuBuilder qmpHandshakeOnStart() {
        qmpHandshakeOnStart = true;
        return qmp();
    }

    /** QEMU traces every input event it receives ({@link Qemu#inputTrace()}). */
    public QemuBuilder traceInput() {
        traceInput = true;
        return this;
    }

    QemuBuilder kernel(Path image, String commandLine) {
        kernel = image;
        kernelCommandLine = commandLine;
        return this;
    }

    /** Adds {@code quiet} to the guest kernel's command line (its console shows only what matters). */
    public QemuBuilder quietKernel() {
        kernelCommandLine += " quiet";
        return this;
    }

    /** The command line {@link #start} runs, with the given per-start files. */
    List<String> command(Path qmpSocket, Path trace) {
        List<String> cmd = new ArrayList<>(List.of(Tools.require("qemu-system-x86_64", "qemu-system-x86"),
                "-machine", "pc", "-accel", accel, "-m", Integer.toString(memoryMb)));
        cmd.addAll(options);
        if (kernel != null) {
            cmd.addAll(List.of("-kernel", kernel.toString(), "-append", kernelCommandLine));
        }
        if (qmpSocket != null) {
            cmd.addAll(List.of("-qmp", "unix:" + qmpSocket + ",server=on,wait=off"));
        }
        if (trace != null) {
            cmd.addAll(List.of("-trace", "input_event_*", "-D", trace.toString()));
        }
        return cmd;
    }

    /**
     * Starts QEMU; with {@link #qmp()}, returns once its QMP socket is there (failing after 20 s),
     * with {@link #qmpHandshakeOnStart()} once QMP answers.
     */
    public Qemu start() throws IOException, InterruptedException {
        int n = STARTS.incrementAndGet();
        Path sock = qmp ? dir.resolve("qmp.sock") : null;
        Path trace = traceInput ? dir.resolve("input-trace-" + n + ".log") : null;
        Path log = dir.resolve("qemu-" + n + ".log");
        if (sock != null) {
            Files.deleteIfExists(sock);
        }
        List<String> cmd = command(sock, trace);
        Process p = ChildProcesses.start(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()));
        Qemu qemu = new Qemu(p, dir, log, sock, trace);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (sock != null && !Files.exists(sock)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    fail("QEMU did not open its QMP socket: " + cmd + "\n" + Tools.tail(qemu.log()));
                }
                Thread.sleep(50);
            }
            if (qmpHandshakeOnStart) {
                qemu.command("{\"execute\":\"query-status\"}");
            }
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            qemu.close();
            throw e;
        }
        return qemu;
    }
}
