package org.vfiovnc.source.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.vfiovnc.testing.GuestKernel;
import org.vfiovnc.testing.Tools;

/**
 * Boots the VFIO test guest under QEMU TCG (kernel from native-stubs/guest/build-kernel.sh, built
 * once and cached; the host's / as the guest's read-only root over 9p, a writable 9p share for
 * results) and runs one scenario of native-stubs/guest/scenarios.sh in it. The server and the
 * viewer are this build's classes, run by the host's JDK inside the guest.
 */
final class GuestVm {
    private static Path guestplay;

    private GuestVm() {}

    static Path kernel() throws Exception {
        return GuestKernel.path();
    }

    static synchronized Path guestplay() throws Exception {
        if (guestplay == null) {
            guestplay = Tools.compileC("native-stubs/guest/guestplay.c", "-static");
        }
        return guestplay;
    }

    /** Runs SCENARIO in a fresh guest; returns the guest's log, failing the test when the scenario failed. */
    static String run(String scenario) throws Exception {
        String qemu = Tools.require("qemu-system-x86_64", "qemu-system-x86");
        Tools.require("busybox", "busybox-static");
        Path k = kernel();
        Path results = Files.createTempDirectory("vfio-guest-" + scenario);
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
        Files.setPosixFilePermissions(results, PosixFilePermissions.fromString("rwxrwxrwx"));
        String init = project.resolve("native-stubs/guest/guest-init.sh").toString();
        List<String> cmd = List.of(qemu, "-machine", "pc", "-accel", "tcg,thread=multi", "-cpu", "max", "-smp", "2",
                "-m", "2048", "-nographic", "-no-reboot", "-serial", "stdio", "-monitor", "none", "-nic", "none",
                "-vga", "none", "-kernel", k.toString(),
                "-append", "console=ttyS0 root=hostroot rootfstype=9p rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose"
                        + " ro init=" + init + " panic=-1",
                "-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
                "-virtfs", "local,path=" + results + ",mount_tag=results,security_model=none");
        Tools.Result r = Tools.run(cmd, Map.of(), 900);
        Path log = results.resolve("log");
        String guestLog = Files.exists(log) ? Files.readString(log) : "(no guest log)";
        Path rc = results.resolve("rc");
        String report = "scenario " + scenario + "\n--- guest log\n" + Tools.tail(guestLog) + "\n--- console\n" + Tools.tail(r.output());
        if (!Files.exists(rc)) {
            fail("guest did not finish " + report);
        }
        assertEquals("0", Files.readString(rc).trim(), report);
        return guestLog;
    }
}
