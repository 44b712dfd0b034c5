package org.vfiovnc.source.qemudbus;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.testing.NeedsTestGuest;
import org.vfiovnc.testing.Qemu;
import org.vfiovnc.testing.QemuBuilder;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Vernacular;

/**
 * Input through the D-Bus console reaches a Linux guest: the test kernel (with VIRTIO_INPUT and
 * evdev) boots under QEMU with {@code -display dbus}, a virtio keyboard and a virtio tablet (so the
 * console's mouse is absolute); the guest's evdev-dump prints what its input devices report while a
 * real viewer types and clicks through the server's qemu-dbus source.
 */
class QemuDbusGuestInputTest extends NeedsTestGuest {


    // A Linux guest boots under QEMU TCG (up to 5 min allowed for its READY), reads the input (1 min)
    // and powers off (2 min): about 20 s when all goes well.
    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void guestReadsKeysAbsolutePointerAndButtonsSentThroughTheConsole() throws Exception {
        try (PrivateBus bus = PrivateBus.start()) {
            QemuBuilder guest = Qemu.testGuest("qemu-dbus-guest").memory(512).quietKernel()
                    .options("-vga", "std").display("dbus,addr=" + bus.address()).inputDevices();
            guest.recordingEvdev(240);
            try (Qemu vm = guest.start()) {
                vm.awaitGuestReport("events", 300, "READY");
                QemuDbusSource source = new QemuDbusSource(QemuDbusAddress.parse(bus.address()), Readback.AUTO);
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
                    vm.awaitGuestReport("events", 60, " 1 30 1\n", " 1 30 0\n", absX, absY, " 1 272 1\n", " 1 272 0\n");
                    viewer.client().updateKey(0xff1b, true);
                    viewer.client().updateKey(0xff1b, false);
                }
                if (!vm.awaitExit(120)) {
                    fail("guest did not power off after Escape; events:\n" + Files.readString(guest.dir().resolve("events")));
                }
            }
        }
    }
}
