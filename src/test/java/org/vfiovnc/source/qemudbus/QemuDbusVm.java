package org.vfiovnc.source.qemudbus;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vfiovnc.testing.Ppm;
import org.vfiovnc.testing.Tools;

/**
 * A private dbus-daemon and a QEMU (TCG, standard VGA, no disk: SeaBIOS shows its text) using it for
 * {@code -display dbus}; QMP for screendump, key presses and quit. For the qemu-dbus source tests.
 */
final class QemuDbusVm implements AutoCloseable {
    private final Path dir;
    private final Process bus;
    private final String busAddress;
    private Process qemu;
    private SocketChannel qmp;
    private BufferedReader qmpIn;
    private int dumps;

    private QemuDbusVm(Path dir, Process bus, String busAddress) {
        this.dir = dir;
        this.bus = bus;
        this.busAddress = busAddress;
    }

    /** Starts the bus only; {@link #startQemu} starts (or restarts) the VM on it. */
    static QemuDbusVm startBus() throws IOException {
        String daemon = Tools.require("dbus-daemon", "dbus-daemon");
        Path dir = Files.createTempDirectory("qemu-dbus-test");
        Path sock = dir.resolve("bus");
        Process p = new ProcessBuilder(daemon, "--session", "--nofork", "--nopidfile",
                "--address=unix:path=" + sock, "--print-address=1")
                .redirectError(dir.resolve("dbus-daemon.log").toFile()).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String addr = r.readLine();
        if (addr == null || !addr.startsWith("unix:")) {
            p.destroyForcibly();
            fail("dbus-daemon did not print its address: " + addr + "; log: " + Files.readString(dir.resolve("dbus-daemon.log")));
        }
        // QEMU's option parser splits at commas, so the address without the guid.
        return new QemuDbusVm(dir, p, "unix:path=" + sock);
    }

    String busAddress() {
        return busAddress;
    }

    /** Starts QEMU with SeaBIOS's boot menu prompt held for {@code splashMs}. */
    void startQemu(int splashMs) throws IOException, InterruptedException {
        startQemu(splashMs, new String[0]);
    }

    /** As above, with more QEMU arguments (another display, say). */
    void startQemu(int splashMs, String... extra) throws IOException, InterruptedException {
        String bin = Tools.require("qemu-system-x86_64", "qemu-system-x86");
        Path qmpSock = dir.resolve("qmp");
        Files.deleteIfExists(qmpSock);
        List<String> cmd = new ArrayList<>(List.of(bin, "-machine", "pc", "-accel", "tcg", "-m", "64",
                "-vga", "std", "-display", "dbus,addr=" + busAddress, "-nic", "none", "-no-reboot",
                "-boot", "menu=on,splash-time=" + splashMs,
                "-qmp", "unix:" + qmpSock + ",server=on,wait=off",
                // QEMU's own record of the input it received (the guest firmware has no way to report it).
                "-trace", "input_event_*", "-D", dir.resolve("input-trace.log").toString()));
        cmd.addAll(List.of(extra));
        ProcessBuilder qpb = new ProcessBuilder(cmd);
        qemu = qpb.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("qemu.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            if (!qemu.isAlive()) {
                fail("QEMU exited " + qemu.exitValue() + ": " + Files.readString(dir.resolve("qemu.log")));
            }
            if (Files.exists(qmpSock)) {
                try {
                    qmp = SocketChannel.open(StandardProtocolFamily.UNIX);
                    qmp.connect(UnixDomainSocketAddress.of(qmpSock));
                    break;
                } catch (IOException e) {
                    qmp.close();
                }
            }
            if (System.nanoTime() > deadline) {
                fail("QEMU's QMP socket never appeared");
            }
            Thread.sleep(50);
        }
        qmpIn = new BufferedReader(new InputStreamReader(Channels.newInputStream(qmp), StandardCharsets.UTF_8));
        qmpIn.readLine(); // greeting
        command("{\"execute\":\"qmp_capabilities\"}");
    }

    /** Sends one QMP command and returns its answer line (events before it are skipped). */
    synchronized String command(String json) throws IOException {
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

    /** QEMU's own picture of the console: QMP screendump (PPM) as width, height and 0xRRGGBB pixels. */
    Picture screendump() throws IOException {
        Path f = dir.resolve("dump" + (dumps++ % 2) + ".ppm");
        command("{\"execute\":\"screendump\",\"arguments\":{\"filename\":\"" + f + "\"}}");
        return Picture.readPpm(f);
    }

    /** Quits QEMU through QMP and waits for the process to end. */
    void quitQemu() throws IOException, InterruptedException {
        try {
            command("{\"execute\":\"quit\"}");
        } catch (IOException e) {
            // QEMU may close the socket before the answer arrives
        }
        if (!qemu.waitFor(20, TimeUnit.SECONDS)) {
            qemu.destroyForcibly();
            fail("QEMU did not quit");
        }
        qmp.close();
    }

    /** QEMU's console 0 size (its Width and Height properties), read with a bus connection of our own. */
    int[] consoleSize() throws Exception {
        try (org.freedesktop.dbus.connections.impl.DBusConnection c = org.freedesktop.dbus.connections.impl.DBusConnectionBuilder
                .forAddress(busAddress).withShared(false).build()) {
            org.freedesktop.dbus.interfaces.Properties p = c.getRemoteObject("org.qemu", "/org/qemu/Display1/Console_0",
                    org.freedesktop.dbus.interfaces.Properties.class);
            Number w = p.Get("org.qemu.Display1.Console", "Width");
            Number h = p.Get("org.qemu.Display1.Console", "Height");
            return new int[] {w.intValue(), h.intValue()};
        }
    }

    /** Lines of QEMU's input trace (input_event_key_*, _btn, _rel, _abs) so far. */
    List<String> inputTrace() throws IOException {
        Path p = dir.resolve("input-trace.log");
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    String qemuLog() throws IOException {
        Path p = dir.resolve("qemu.log");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    @Override
    public void close() throws IOException {
        if (qemu != null && qemu.isAlive()) {
            qemu.destroyForcibly();
        }
        if (qmp != null) {
            qmp.close();
        }
        bus.destroyForcibly();
        try {
            bus.waitFor(5, TimeUnit.SECONDS);
            if (qemu != null) {
                qemu.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String log = qemuLog();
        if (!log.isBlank()) {
            System.err.println("QEMU's output:\n" + log);
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** An RGB picture, 0xRRGGBB per pixel. */
    record Picture(int width, int height, int[] rgb) {
        /** QEMU's screendump is a binary PPM, the same format the C test clients write. */
        static Picture readPpm(Path p) throws IOException {
            Ppm ppm = Ppm.read(p);
            return new Picture(ppm.width, ppm.height, ppm.rgb);
        }

        /** Pixels that differ from {@code other} (all of them when the sizes differ). */
        int differingPixels(Picture other) {
            if (other.width != width || other.height != height) {
                return Math.max(rgb.length, other.rgb.length);
            }
            int n = 0;
            for (int i = 0; i < rgb.length; i++) {
                if (rgb[i] != other.rgb[i]) {
                    n++;
                }
            }
            return n;
        }
    }
}
