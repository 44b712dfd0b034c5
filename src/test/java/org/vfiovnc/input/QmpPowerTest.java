package org.vfiovnc.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.qmp.QmpAddress;
import org.vfiovnc.qmp.QmpClient;
import org.vfiovnc.rfb.PowerAccess;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.Qemu;
import org.vfiovnc.testing.QmpEvents;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;

/**
 * XVP from a viewer to a real QEMU (no guest needed: QEMU reports system_reset and system_powerdown
 * as RESET and POWERDOWN events itself), watched on a second QMP monitor.
 */
class QmpPowerTest {
    @TempDir
    Path tmp;

    @Test
    void resetAndPowerdownReachTheVmAndRebootWithoutAnAgentFails() throws Exception {
        Path events = tmp.resolve("events.sock");
        try (Qemu qemu = Qemu.in(tmp).options("-nodefaults").display("none").qmp().options(QmpEvents.option(events)).start();
             QmpEvents vm = QmpEvents.watch(events);
             QmpClient qmp = new QmpClient(QmpAddress.parse("unix:" + qemu.qmpSocket()));
             VncServer server = TestServer.start(new DemoSource(64, 64, true),
                     RfbConfig.defaults(List.of(new NoneSecurity())).withPower(PowerAccess.viewers()),
                     new GuestLink(NoInputSink.INSTANCE, new QmpPowerControl(qmp.share(), null), GuestClipboard.NONE));
             RawRfbClient viewer = RawRfbClient.connect(server.port()).handshakeNone();
             LogCapture log = new LogCapture()) {
            while (!qmp.isConnected()) {
                Thread.sleep(20);
            }
            viewer.setEncodings(0, -309);
            assertArrayEquals(new byte[] {1, 1}, viewer.readUntil(m -> m.type() == 250, 5).payload(), "XVP_INIT");

            viewer.xvp(1, 4);
            vm.await("RESET", 15);
            Thread.sleep(1100); // one action a second per viewer
            viewer.xvp(1, 2);
            vm.await("POWERDOWN", 15);
            Thread.sleep(1100);
            viewer.xvp(1, 3);
            assertArrayEquals(new byte[] {1, 0}, viewer.readUntil(m -> m.type() == 250, 20).payload(),
                    "reboot needs a guest agent: XVP_FAIL");
            assertFalse(viewer.closedByServerWithin(200));
            assertFalse(vm.pending().contains("SHUTDOWN"), "reboot did nothing");

            List<String> said = log.messages();
            String who = "(anonymous)@127.0.0.1:";
            for (String line : new String[] {"power: reset requested by " + who, "power: shutdown requested by " + who}) {
                assertEquals(2, said.stream().filter(m -> m.startsWith(line)).count(), "request and result: " + said);
            }
            assertTrue(said.stream().anyMatch(m -> m.startsWith("power: reset requested by " + who) && m.endsWith("accepted by QEMU")),
                    said.toString());
            assertTrue(said.stream().anyMatch(m -> m.contains("power: reboot requested by " + who)
                    && m.contains("refused: not supported here")), said.toString());
            assertTrue(said.stream().anyMatch(m -> m.equals("power: QEMU reports RESET, reason host-qmp-system-reset")),
                    said.toString());
        }
    }
}
