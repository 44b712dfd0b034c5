package org.vfiovnc.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.qmp.QmpAddress;
import org.vfiovnc.qmp.QmpClient;
import org.vfiovnc.rfb.PowerAccess;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.NeedsTestGuest;
import org.vfiovnc.testing.Qemu;
import org.vfiovnc.testing.QemuBuilder;
import org.vfiovnc.testing.QmpEvents;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;

/**
 * Acceptance: XVP acts on a Linux guest under QEMU TCG (the VFIO tests' guest). A viewer's reset
 * makes the VM start over (QEMU's RESET event; the guest boots a second time), and its shutdown
 * presses the ACPI power button (POWERDOWN), which the guest sees on evdev and answers by powering
 * off (a SHUTDOWN that the guest asked for). Events are watched on a second QMP monitor.
 */
class PowerGuestTest extends NeedsTestGuest {


    /**
     * Each boot logs its input events to events-N; the guest powers off once the power button was
     * pressed and released (run.sh ends, the guest's init powers off).
     */
    private static final String RUN = String.join("\n",
            "n=$(( $(cat \"$RESULTS/boots\" 2>/dev/null | wc -l) + 1 ))",
            "echo boot >> \"$RESULTS/boots\"",
            "\"$RESULTS/evdev-dump\" 600 > \"$RESULTS/events-$n\" 2>&1 &",
            "until grep -q ' 1 116 0$' \"$RESULTS/events-$n\" 2>/dev/null; do sleep 0.2; done",
            "echo 'POWER BUTTON: powering off' >> \"$RESULTS/events-$n\"",
            "");

    // Two boots under TCG (up to 5 min each allowed) and a power-off: about 30 s when all goes well.
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void resetRebootsTheGuestAndShutdownMakesItPowerOff() throws Exception {
        // The test guest runs with -no-reboot (a reset would end QEMU): a reset is a reset here.
        QemuBuilder guest = Qemu.testGuest("power-guest").memory(512).quietKernel()
                .options("-nographic", "-vga", "none", "-action", "reboot=reset").qmp();
        Path events = guest.dir().resolve("events.sock");
        guest.options(QmpEvents.option(events));
        guest.withEvdevDump();
        Files.writeString(guest.dir().resolve("run.sh"), RUN);
        try (Qemu vm = guest.start();
             QmpEvents watched = QmpEvents.watch(events);
             QmpClient qmp = new QmpClient(QmpAddress.parse("unix:" + vm.qmpSocket()));
             VncServer server = TestServer.start(new DemoSource(64, 64, true),
                     RfbConfig.defaults(List.of(new NoneSecurity())).withPower(PowerAccess.viewers()),
                     new GuestLink(NoInputSink.INSTANCE, new QmpPowerControl(qmp.share(), null), GuestClipboard.NONE));
             RawRfbClient viewer = RawRfbClient.connect(server.port()).handshakeNone();
             LogCapture log = new LogCapture()) {
            vm.awaitGuestReport("events-1", 300, "Power Button", "READY");
            viewer.setEncodings(0, -309);
            assertArrayEquals(new byte[] {1, 1}, viewer.readUntil(m -> m.type() == 250, 5).payload(), "XVP_INIT");

            viewer.xvp(1, 4);
            watched.await("RESET", 30);
            vm.awaitGuestReport("events-2", 300, "Power Button", "READY");

            viewer.xvp(1, 2);
            watched.await("POWERDOWN", 30);
            vm.awaitGuestReport("events-2", 60, " 1 116 1\n", "POWER BUTTON: powering off");
            watched.await("SHUTDOWN", 60);
            if (!vm.awaitExit(120)) {
                fail("guest did not power off; events:\n" + Files.readString(guest.dir().resolve("events-2")));
            }
            assertEquals("boot\nboot\n", Files.readString(guest.dir().resolve("boots")));
            assertTrue(log.messages().contains("power: QEMU reports SHUTDOWN (by the guest), reason guest-shutdown"),
                    log.messages().toString());
        }
    }
}
