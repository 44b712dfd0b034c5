package org.vfiovnc.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.input.GuestClipboard;
import org.vfiovnc.input.GuestLink;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.input.QmpPowerControl;
import org.vfiovnc.qmp.QmpAddress;
import org.vfiovnc.qmp.QmpClient;
import org.vfiovnc.rfb.PowerAccess;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.BrowserDriver;
import org.vfiovnc.testing.Qemu;
import org.vfiovnc.testing.QmpEvents;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.transport.door.TransportOptions;
import org.vfiovnc.transport.http.StaticFiles;

/**
 * The served page's power menu in headless Chromium with noVNC 1.7: it appears once the server
 * offers XVP, an action asks first (Cancel does nothing), and a confirmed Reset resets a real QEMU
 * (its RESET event, watched on a second QMP monitor).
 */
class PowerMenuBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void theMenuAppearsAndAConfirmedResetResetsTheVm() throws Exception {
        Path events = tmp.resolve("events.sock");
        try (Qemu qemu = Qemu.in(tmp).options("-nodefaults").display("none").qmp().options(QmpEvents.option(events)).start();
             QmpEvents vm = QmpEvents.watch(events);
             QmpClient qmp = new QmpClient(QmpAddress.parse("unix:" + qemu.qmpSocket()));
             VncServer server = VncServer.start(new RefreshLoop(new DemoSource(320, 200, true), TestServer.fastPacing()),
                     RfbConfig.defaults(List.of(new NoneSecurity())).withPower(PowerAccess.viewers()),
                     new GuestLink(NoInputSink.INSTANCE, new QmpPowerControl(qmp.share(), null), GuestClipboard.NONE),
                     new ListenAddress("127.0.0.1", 0),
                     TransportOptions.sniffing(new StaticFiles(Tools.projectDir().resolve("web")), null));
             BrowserDriver browser = BrowserDriver.start()) {
            browser.open("http://127.0.0.1:" + server.port() + "/", null);
            // Hidden until XVP_INIT: the click waits for the menu to be shown.
            browser.click("#power-menu summary");

            browser.click("#power-shutdown");
            assertTrue(browser.text("#power-question").contains("Shut down the VM"), browser.text("#power-question"));
            browser.click("#power-cancel");

            browser.click("#power-reset");
            assertTrue(browser.text("#power-question").contains("Reset the VM"), browser.text("#power-question"));
            browser.click("#power-confirm");
            vm.await("RESET", 15);
            assertTrue(browser.text("#power-status").contains("asked the server to reset"), browser.text("#power-status"));
            assertTrue(!vm.seen().contains("POWERDOWN"), "a cancelled shutdown does nothing: " + vm.seen());
        }
    }
}
