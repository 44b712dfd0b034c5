package org.vfiovnc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A real QEMU (x86_64, TCG) for tests, configured with {@link QemuBuilder}: the QMP input tests
 * give it a virtio keyboard and tablet, the D-Bus tests a {@code -display dbus}, the VFIO tests
 * a guest that runs a scenario. Its stdout and stderr (with the serial console, where that goes to
 * stdio) are kept in a log in the builder's folder. QMP is spoken only when the test asks
 * ({@link #command}), so that a QMP client under test can have the one connection QEMU serves.
 */
public final class Qemu implements AutoCloseable {
    private static Path guestKernel;

    private final Process process;
    private final Path dir;
    private final Path log;
    private final Path qmpSocket;
    private final Path inputTrace;
    private SocketChannel qmp;
    private BufferedReader qmpIn;
    private int dumps;

    Qemu(Process process, Path dir, Path log, Path qmpSocket, Path inputTrace) {
        this.process = process;
        this.dir = dir;
        this.log = log;
        this.qmpSocket = qmpSocket;
        this.inputTrace = inputTrace;
    }

    /** A QEMU whose log, sockets and traces go to {@code dir}. */
    public static QemuBuilder in(Path dir) {
        return new QemuBuilder(dir);
    }

    /**
     * A QEMU that boots the test guest: the kernel from native-stubs/guest/build-kernel.sh, the
     * host's / as its read-only root over 9p and native-stubs/guest/guest-init.sh as PID 1, which
     * runs the test's {@code run.sh} from the guest share (a fresh world-writable folder, also the
     * builder's folder: the guest runs as root) and powers off; console on the serial line, into the log.
     */
    public static QemuBuilder testGuest(String name) throws IOException, InterruptedException {
        Tools.require("busybox", "busybox-static");
        Path share = Files.createTempDirectory(name);
        Files.setPosixFilePermissions(share, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path init = Tools.projectDir().toAbsolutePath().resolve("native-stubs/guest/guest-init.sh");
        return in(share).twoCpus()
                .options("-no-reboot", "-serial", "stdio", "-monitor", "none", "-nic", "none")
                .kernel(testGuestKernel(), "console=ttyS0 root=hostroot rootfstype=9p"
                        + " rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose ro init=" + init + " panic=-1")
                .options("-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
                        "-virtfs", "local,path=" + share + ",mount_tag=results,security_model=none");
    }

    /**
     * The test guest's kernel: cached by the hash of build-kernel.sh and kernel.config, built
     * (15-30 min on 2 cores) only when the cache lacks it; CI's setup.d builds it first.
     */
    public static synchronized Path testGuestKernel() throws IOException, InterruptedException {
        if (guestKernel == null) {
            Path script = Tools.projectDir().resolve("native-stubs/guest/build-kernel.sh");
            Tools.Result r = Tools.run(List.of("bash", script.toString()), Map.of(), 3600);
            String[] lines = r.output().trim().split("\n");
            Path k = Path.of(lines[lines.length - 1].trim());
            if (r.exitCode() != 0 || !Files.isRegularFile(k)) {
                fail("guest kernel build failed:\n" + Tools.tail(r.output()));
            }
            guestKernel = k;
        }
        return guestKernel;
    }

    public Path qmpSocket() {
        return qmpSocket;
    }

    /** QEMU's stdout and stderr so far. */
    public String log() {
        return read(log);
    }

    /** QEMU's own record of the input it received ({@code input_event_*} trace lines) so far. */
    public String inputTrace() {
        return read(inputTrace);
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Waits until the input trace holds every expected line fragment. */
    public void awaitInputTrace(long timeoutMs, String... expected) throws InterruptedException {
        String missing = awaitAll(this::inputTrace, timeoutMs, expected);
        if (missing != null) {
            fail("QEMU never received '" + missing + "'; trace:\n" + Tools.tail(inputTrace()));
        }
    }

    /**
     * Waits until {@code file} in the guest share (written by a guest program) contains every one
     * of {@code expected}, failing after {@code seconds} with the file and the tail of QEMU's log.
     */
    public void awaitGuestReport(String file, int seconds, String... expected) throws InterruptedException {
        Path report = dir.resolve(file);
        String missing = awaitAll(() -> read(report), TimeUnit.SECONDS.toMillis(seconds), expected);
        if (missing != null) {
            fail("guest never reported '" + missing.trim() + "'; events:\n" + read(report)
                    + "\n--- QEMU's log (console)\n" + Tools.tail(log()));
        }
    }

    /** The first of {@code expected} that {@code text} still lacks after {@code timeoutMs}, or null. */
    private static String awaitAll(Supplier<String> text, long timeoutMs, String... expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            String t = text.get();
            String missing = null;
            for (String e : expected) {
                if (!t.contains(e)) {
                    missing = e;
                    break;
                }
            }
            if (missing == null || System.nanoTime() > deadline) {
                return missing;
            }
            Thread.sleep(50);
        }
    }

    /** Sends one QMP command and returns its answer line (events before it are skipped). */
    public synchronized String command(String json) throws IOException, InterruptedException {
        if (qmp == null) {
            connectQmp();
        }
        Channels.newOutputStream(qmp).write((json + "\n").getBytes(StandardCharsets.UTF_8));
        while (true) {
            String line = qmpIn.readLine();
            if (line == null) {
                throw new IOException("QMP closed while waiting for the answer to " + json);
            }
            if (line.contains("\"return\"")) {
                return line;
            }
            if (line.contains("\"error\"")) {
                throw new IOException("QMP " + json + ": " + line);
            }
        }
    }

    private void connectQmp() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(qmpSocket));
                qmp = ch;
                break;
            } catch (IOException e) {
                // the socket file appears before QEMU listens on it
                ch.close();
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    fail("cannot connect to QEMU's QMP socket: " + e + "; log:\n" + Tools.tail(log()));
                }
                Thread.sleep(50);
            }
        }
        qmpIn = new BufferedReader(new InputStreamReader(Channels.newInputStream(qmp), StandardCharsets.UTF_8));
        qmpIn.readLine(); // greeting
        command("{\"execute\":\"qmp_capabilities\"}");
    }

    /** QEMU's own picture of the console (QMP screendump, a PPM). */
    public Ppm screendump() throws IOException, InterruptedException {
        Path f = dir.resolve("dump" + (dumps++ % 2) + ".ppm");
        command("{\"execute\":\"screendump\",\"arguments\":{\"filename\":\"" + f + "\"}}");
        return Ppm.read(f);
    }

    /** Quits QEMU through QMP and waits for the process to end. */
    public void quit() throws IOException, InterruptedException {
        try {
            command("{\"execute\":\"quit\"}");
        } catch (IOException e) {
            // QEMU may close the socket before the answer arrives
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            ChildProcesses.stop(process);
            fail("QEMU did not quit");
        }
        closeQmp();
    }

    /** Whether QEMU ended (the guest powered off) within {@code seconds}. */
    public boolean awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** Waits for QEMU to end and returns its log; kills it and fails the test after {@code seconds}. */
    public String runToExit(long seconds) throws InterruptedException {
        if (!awaitExit(seconds)) {
            ChildProcesses.stop(process);
            fail("QEMU still running after " + seconds + " s\n" + Tools.tail(log()));
        }
        return log();
    }

    private void closeQmp() throws IOException {
        if (qmp != null) {
            qmp.close();
            qmp = null;
        }
    }

    /** Stops QEMU (also after the test was interrupted by its timeout). */
    @Override
    public void close() throws IOException {
        try {
            closeQmp();
        } finally {
            ChildProcesses.stop(process);
        }
    }
}
