package org.vfiovnc.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.shinyhut.vernacular.client.VernacularClient;
import com.shinyhut.vernacular.client.VernacularConfig;
import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.qmp.QmpAddress;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.NeedsTestGuest;
import org.vfiovnc.testing.Qemu;
import org.vfiovnc.testing.QemuBuilder;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;

/**
 * Acceptance: a real viewer types and clicks, and a Linux guest in QEMU reads the events from
 * its virtio keyboard and tablet through evdev. The guest is the VFIO tests' one (kernel from
 * native-stubs/guest/build-kernel.sh, cached under /var/cache/vfio-vnc/kernel-HASH/bzImage, with
 * INPUT_EVDEV and VIRTIO_INPUT; native-stubs/guest/guest-init.sh as PID 1, the host's / as root
 * over 9p); native-stubs/guest/evdev-dump.c prints what the guest's input devices report.
 */
class QmpGuestEvdevTest extends NeedsTestGuest {


    // A Linux guest boots under QEMU TCG (up to 5 min allowed for its READY), reads the input (1 min)
    // and powers off (2 min): about 20 s when all goes well.
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void guestReadsTypedKeysPointerAndButtonsFromEvdev() throws Exception {
        Path init = Tools.projectDir().toAbsolutePath().resolve("native-stubs/guest/guest-init.sh");
        assertTrue(Files.exists(init), init + " is missing (it comes with the vfio branch)");
        QemuBuilder guest = Qemu.testGuest("qmp-guest").memory(512).quietKernel()
                .options("-nographic", "-vga", "none").inputDevices().qmp();
        Path events = guest.recordingEvdev(240);
        try (Qemu vm = guest.start()) {
            vm.awaitGuestReport("events", 300, "READY");
            String ready = Files.readString(events);
            assertTrue(ready.contains("DEVICE") && !ready.contains("READY 0"), "guest input devices:\n" + ready);
            try (QmpInputSink sink = new QmpInputSink(QmpAddress.parse("unix:" + vm.qmpSocket()));
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
                    vm.awaitGuestReport("events", 60, " 1 30 1\n", " 1 30 0\n", " 3 0 32767\n", " 3 1 32767\n",
                            " 1 272 1\n", " 1 272 0\n");
                    client.updateKey(0xff1b, true);
                    client.updateKey(0xff1b, false);
                } finally {
                    client.stop();
                }
            }
            if (!vm.awaitExit(120)) {
                fail("guest did not power off after Escape; events:\n" + Files.readString(events));
            }
            assertEquals("0", Files.readString(guest.dir().resolve("rc")).trim(), Files.readString(events));
        }
    }
}
