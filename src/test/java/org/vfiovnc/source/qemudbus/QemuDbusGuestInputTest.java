package org.vfiovnc.source.qemudbus;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.testing.GuestKernel;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.testing.Vernacular;

/**
 * Input through the D-Bus console reaches a Linux guest: the test kernel (with VIRTIO_INPUT and
 * evdev) boots under QEMU with {@code -display dbus}, a virtio keyboard and a virtio tablet (so the
 * console's mouse is absolute); the guest's evdev-dump prints what its input devices report while a
 * real viewer types and clicks through the server's qemu-dbus source.
 */
class QemuDbusGuestInputTest {

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void guestReadsKeysAbsolutePointerAndButtonsSentThroughTheConsole() throws Exception {
        String qemu = Tools.require("qemu-system-x86_64", "qemu-system-x86");
        Tools.require("busybox", "busybox-static");
        Path init = Tools.projectDir().toAbsolutePath().resolve("native-stubs/guest/guest-init.sh");
        Path kernel = GuestKernel.path();
        try (QemuDbusVm bus = QemuDbusVm.startBus()) {
            Path results = Files.createTempDirectory("qemu-dbus-guest");
            Files.copy(Tools.compileC("native-stubs/guest/evdev-dump.c", "-static"), results.resolve("evdev-dump"));
            Files.writeString(results.resolve("run.sh"), "\"$RESULTS/evdev-dump\" 240 > \"$RESULTS/events\" 2>&1\n");
            Files.setPosixFilePermissions(results, PosixFilePermissions.fromString("rwxrwxrwx"));
            List<String> cmd = new ArrayList<>(List.of(qemu, "-machine", "pc", "-accel", "tcg,thread=multi", "-cpu", "max",
                    "-smp", "2", "-m", "512", "-no-reboot", "-serial", "file:" + results.resolve("console.log"),
                    "-monitor", "none", "-nic", "none", "-vga", "std", "-display", "dbus,addr=" + bus.busAddress(),
                    "-kernel", kernel.toString(),
                    "-append", "console=ttyS0 root=hostroot rootfstype=9p rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose"
                            + " ro init=" + init + " panic=-1 quiet",
                    "-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
                    "-virtfs", "local,path=" + results + ",mount_tag=results,security_model=none",
                    "-device", "virtio-keyboard-pci", "-device", "virtio-tablet-pci"));
            Process vm = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(results.resolve("qemu.log").toFile()).start();
            Path events = results.resolve("events");
            try {
                GuestKernel.awaitReport(events, 300, () -> GuestKernel.tailOf("console", results.resolve("console.log")) + GuestKernel.tailOf("qemu", results.resolve("qemu.log")), "READY");
                QemuDbusSource source = new QemuDbusSource(QemuDbusAddress.parse(bus.busAddress()), Readback.AUTO);
                try (InputSink input = source.inputSink();
                     VncServer server = TestServer.start(source, List.of(new NoneSecurity()), input);
                     Vernacular viewer = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> { })) {
                    // QEMU scales the pointer by its console's size: wait until the viewer has that size too.
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    BufferedImage img = null;
                    int[] size = null;
                    while (System.nanoTime() < deadline) {
                        img = viewer.lastImage();
                        size = bus.consoleSize();
                        if (img != null && img.getWidth() == size[0] && img.getHeight() == size[1]) {
                            break;
                        }
                        Thread.sleep(100);
                    }
                    assertTrue(img != null && img.getWidth() == size[0] && img.getHeight() == size[1],
                            "viewer never got QEMU's console size " + java.util.Arrays.toString(size));
                    viewer.client().type("a");
                    int x = img.getWidth() - 1;
                    int y = img.getHeight() / 2;
                    viewer.client().moveMouse(x, y);
                    Thread.sleep(200);
                    viewer.client().updateMouseButton(1, true);
                    viewer.client().updateMouseButton(1, false);
                    // QEMU scales console pixels to 0..32767 over the console's width and height.
                    String absX = " 3 0 " + (x * 32767L / img.getWidth()) + "\n";
                    String absY = " 3 1 " + (y * 32767L / img.getHeight()) + "\n";
                    // EV_KEY=1 KEY_A=30, EV_ABS=3 ABS_X=0 ABS_Y=1, BTN_LEFT=272
                    GuestKernel.awaitReport(events, 60, () -> GuestKernel.tailOf("console", results.resolve("console.log")) + GuestKernel.tailOf("qemu", results.resolve("qemu.log")), " 1 30 1\n", " 1 30 0\n", absX, absY, " 1 272 1\n", " 1 272 0\n");
                    viewer.client().updateKey(0xff1b, true);
                    viewer.client().updateKey(0xff1b, false);
                }
                if (!vm.waitFor(120, TimeUnit.SECONDS)) {
                    fail("guest did not power off after Escape; events:\n" + Files.readString(events));
                }
            } finally {
                vm.destroyForcibly();
                vm.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
