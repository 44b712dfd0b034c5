package org.vfiovnc.source.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vfiovnc.testing.Qemu;
import org.vfiovnc.testing.QemuBuilder;
import org.vfiovnc.testing.Tools;

/**
 * Runs one scenario of native-stubs/guest/scenarios.sh in a fresh VFIO test guest (Qemu.testGuest:
 * kernel built once and cached, the host's / as the guest's read-only root, a writable share for
 * results). The server and the viewer are this build's classes, run by the host's JDK inside the guest.
 */
final class GuestScenario {
    private static Path guestplay;

    private GuestScenario() {}

    static synchronized Path guestplay() throws Exception {
        if (guestplay == null) {
            guestplay = Tools.compileC("native-stubs/guest/guestplay.c", "-static");
        }
        return guestplay;
    }

    /** Runs SCENARIO in a fresh guest; returns the guest's log, failing the test when the scenario failed. */
    static String run(String scenario) throws Exception {
        QemuBuilder guest = Qemu.testGuest("vfio-guest-" + scenario).memory(2048).options("-nographic", "-vga", "none");
        Path results = guest.dir();
        Files.copy(guestplay(), results.resolve("guestplay"));
        Path project = Tools.projectDir().toAbsolutePath();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(results.resolve("run.sh"), String.join("\n",
                "SCENARIO='" + scenario + "'",
                "JAVA='" + java + "'",
                "CP='" + cp.replace(File.pathSeparator, ":") + "'",
                "GUESTPLAY=\"$RESULTS/guestplay\"",
                ". '" + project.resolve("native-stubs/guest/scenarios.sh") + "'",
                ""));
        String console;
        try (Qemu vm = guest.start()) {
            console = vm.runToExit(900);
        }
        Path log = results.resolve("log");
        String guestLog = Files.exists(log) ? Files.readString(log) : "(no guest log)";
        Path rc = results.resolve("rc");
        String report = "scenario " + scenario + "\n--- guest log\n" + Tools.tail(guestLog) + "\n--- console\n" + Tools.tail(console);
        if (!Files.exists(rc)) {
            fail("guest did not finish " + report);
        }
        assertEquals("0", Files.readString(rc).trim(), report);
        return guestLog;
    }
}
