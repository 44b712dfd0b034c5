package org.vfiovnc.source.qemudbus;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.Properties;
import org.vfiovnc.testing.ChildProcesses;
import org.vfiovnc.testing.Tools;

/**
 * A private dbus-daemon in a temporary folder, for a QEMU with {@code -display dbus} on it (the
 * folder also takes that QEMU's files: {@code Qemu.in(bus.dir())}); closing stops the daemon and
 * removes the folder.
 */
final class PrivateBus implements AutoCloseable {
    private final Path dir;
    private final Process daemon;
    private final String address;

    private PrivateBus(Path dir, Process daemon, String address) {
        this.dir = dir;
        this.daemon = daemon;
        this.address = address;
    }

    static PrivateBus start() throws IOException {
        String bin = Tools.require("dbus-daemon", "dbus-daemon");
        Path dir = Files.createTempDirectory("qemu-dbus-test");
        Path sock = dir.resolve("bus");
        Process p = ChildProcesses.start(new ProcessBuilder(bin, "--session", "--nofork", "--nopidfile",
                "--address=unix:path=" + sock, "--print-address=1")
                .redirectError(dir.resolve("dbus-daemon.log").toFile()));
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String printed = r.readLine();
        if (printed == null || !printed.startsWith("unix:")) {
            ChildProcesses.stop(p);
            fail("dbus-daemon did not print its address: " + printed + "; log: " + Files.readString(dir.resolve("dbus-daemon.log")));
        }
        // QEMU's option parser splits at commas, so the address without the guid.
        return new PrivateBus(dir, p, "unix:path=" + sock);
    }

    String address() {
        return address;
    }

    Path dir() {
        return dir;
    }

    /** QEMU's console 0 size (its Width and Height properties), read with a bus connection of our own. */
    int[] consoleSize() throws Exception {
        try (DBusConnection c = DBusConnectionBuilder.forAddress(address).withShared(false).build()) {
            Properties p = c.getRemoteObject("org.qemu", "/org/qemu/Display1/Console_0", Properties.class);
            Number w = p.Get("org.qemu.Display1.Console", "Width");
            Number h = p.Get("org.qemu.Display1.Console", "Height");
            return new int[] {w.intValue(), h.intValue()};
        }
    }

    @Override
    public void close() throws IOException {
        ChildProcesses.stop(daemon);
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
