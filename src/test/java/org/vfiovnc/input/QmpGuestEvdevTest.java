package org.vfiovnc.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.shinyhut.vernacular.client.VernacularClient;
import com.shinyhut.vernacular.client.VernacularConfig;
import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.GuestKernel;
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

    @Test
    void guestReadsTypedKeysPointerAndButtonsFromEvdev() throws Exception {
        String qemu = Tools.require("qemu-system-x86_64", "qemu-system-x86");
        Tools.require("busybox", "busybox-static");
        Path init = Tools.projectDir().toAbsolutePath().resolve("native-stubs/guest/guest-init.sh");
        assertTrue(Files.exists(init), init + " is missing (it comes with the vfio branch)");
        Path k = GuestKernel.path();
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
            GuestKernel.awaitReport(events, 300, () -> GuestKernel.tailOf("console", console), "READY");
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
                    GuestKernel.awaitReport(events, 60, () -> GuestKernel.tailOf("console", console), " 1 30 1\n", " 1 30 0\n", " 3 0 32767\n", " 3 1 32767\n",
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
}
