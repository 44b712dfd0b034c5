package org.vfiovnc.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.shinyhut.vernacular.client.VernacularClient;
import com.shinyhut.vernacular.client.VernacularConfig;
import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vfiovnc.rfb.VncServer;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;

/**
 * Acceptance: a real viewer types and clicks, and a Linux guest in QEMU reads the events from
 * its virtio keyboard and tablet through evdev. The guest is the VFIO tests' one (kernel from
 * native-stubs/guest/build-kernel.sh, cached under /var/cache/vfio-vnc/kernel-HASH/bzImage, with
 * INPUT_EVDEV and VIRTIO_INPUT; native-stubs/guest/guest-init.sh as PID 1, the host's / as root
 * over 9p); native-stubs/guest/evdev-dump.c prints what the guest's input devices report.
 */
class QmpGuestEvdevTest {

    static Path kernel() throws Exception {
        Path script = Tools.projectDir().resolve("native-stubs/guest/build-kernel.sh");
        if (Files.exists(script)) {
            Tools.Result r = Tools.run(List.of("bash", script.toString()), Map.of(), 3600);
            String[] lines = r.output().trim().split("\n");
            Path k = Path.of(lines[lines.length - 1].trim());
            if (r.exitCode() != 0 || !Files.isRegularFile(k)) {
                fail("guest kernel build failed:\n" + Tools.tail(r.output()));
            }
            return k;
        }
        // Without the build script (before the vfio branch is merged): the newest cached kernel.
        Path cache = Path.of(System.getenv().getOrDefault("VFIO_VNC_CACHE", "/var/cache/vfio-vnc"));
        try (Stream<Path> s = Files.exists(cache) ? Files.list(cache) : Stream.empty()) {
            return s.filter(p -> p.getFileName().toString().startsWith("kernel-"))
                    .map(p -> p.resolve("bzImage")).filter(Files::isRegularFile)
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError("no guest kernel: " + script + " is missing and "
                            + cache + "/kernel-*/bzImage does not exist (vfio branch)"));
        }
    }

    @Test
    void guestReadsTypedKeysPointerAndButtonsFromEvdev() throws Exception {
        String qemu = Tools.require("qemu-system-x86_64", "qemu-system-x86");
        Tools.require("busybox", "busybox-static");
        Path init = Tools.projectDir().toAbsolutePath().resolve("native-stubs/guest/guest-init.sh");
        assertTrue(Files.exists(init), init + " is missing (it comes with the vfio branch)");
        Path k = kernel();
        Path results = Files.createTempDirectory("qmp-guest");
        Files.copy(Tools.compileC("native-stubs/guest/evdev-dump.c", "-static"), results.resolve("evdev-dump"));
        Files.writeString(results.resolve("run.sh"), "\"$RESULTS/evdev-dump\" 240 > \"$RESULTS/events\" 2>&1\n");
        Files.setPosixFilePermissions(results, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path sock = results.resolve("qmp.sock");
        List<String> cmd = List.of(qemu, "-machine", "pc", "-accel", "tcg,thread=multi", "-cpu", "max", "-smp", "2",
                "-m", "512", "-nographic", "-no-reboot", "-serial", "stdio", "-monitor", "none", "-nic", "none",
                "-vga", "none", "-kernel", k.toString(),
                "-append", "console=ttyS0 root=hostroot rootfstype=9p rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose"
                        + " ro init=" + init + " panic=-1 quiet",
                "-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
                "-virtfs", "local,path=" + results + ",mount_tag=results,security_model=none",
                "-device", "virtio-keyboard-pci", "-device", "virtio-tablet-pci",
                "-qmp", "unix:" + sock + ",server=on,wait=off");
        Path console = results.resolve("console.log");
        Process vm = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        Path events = results.resolve("events");
        try {
            await(events, console, 300, "READY");
            String ready = Files.readString(events);
            assertTrue(ready.contains("DEVICE") && !ready.contains("READY 0"), "guest input devices:\n" + ready);
            try (QmpInputSink sink = new QmpInputSink(QmpAddress.parse("unix:" + sock));
                 VncServer server = TestServer.start(new DemoSource(640, 480, true), List.of(new NoneSecurity()), sink)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!sink.isConnected() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(sink.isConnected(), "QMP never connected");
                VernacularConfig config = new VernacularConfig();
                config.setColorDepth(ColorDepth.BPP_24_TRUE);
                AtomicInteger frames = new AtomicInteger();
                config.setScreenUpdateListener(img -> frames.incrementAndGet());
                VernacularClient client = new VernacularClient(config);
                client.start("127.0.0.1", server.port());
                try {
                    while (frames.get() == 0 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    client.type("a");
                    client.moveMouse(639, 479);
                    Thread.sleep(200);
                    client.updateMouseButton(1, true);
                    client.updateMouseButton(1, false);
                    // EV_KEY=1 KEY_A=30, EV_ABS=3 ABS_X=0 ABS_Y=1, BTN_LEFT=272
                    await(events, console, 60, " 1 30 1\n", " 1 30 0\n", " 3 0 32767\n", " 3 1 32767\n",
                            " 1 272 1\n", " 1 272 0\n");
                    client.updateKey(0xff1b, true);
                    client.updateKey(0xff1b, false);
                } finally {
                    client.stop();
                }
            }
            if (!vm.waitFor(120, TimeUnit.SECONDS)) {
                fail("guest did not power off after Escape; events:\n" + Files.readString(events));
            }
            assertEquals("0", Files.readString(results.resolve("rc")).trim(), Files.readString(events));
        } finally {
            vm.destroyForcibly();
            vm.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void await(Path file, Path console, int seconds, String... expected) throws IOException, InterruptedException {
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
                fail("guest never reported '" + missing.trim() + "'; events:\n" + text + "\n--- console\n"
                        + Tools.tail(Files.exists(console) ? Files.readString(console) : ""));
            }
            Thread.sleep(100);
        }
    }
}
