package org.vfiovnc.source.qemudbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.input.QmpInputSink;
import org.vfiovnc.qmp.QmpAddress;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.surface.SizeRequest;
import org.vfiovnc.testing.BrowserDriver;
import org.vfiovnc.testing.NeedsTestGuest;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.Qemu;
import org.vfiovnc.testing.QemuBuilder;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.TransportOptions;
import org.vfiovnc.transport.http.StaticFiles;

/**
 * A viewer resizes a Linux guest through the qemu-dbus source, and back and forward buttons reach it.
 *
 * <p>The chain: the viewer's SetDesktopSize goes to the source, which calls QEMU's
 * {@code Console.SetUIInfo}; QEMU's virtio-gpu records the size as its display's preferred mode (in
 * the display info and the EDID it generates) and raises a display-config event; the guest's
 * virtio-gpu driver re-reads both and sends a DRM hotplug event; the kernel's fbdev emulation (the
 * DRM client behind the framebuffer console) then picks the connector's preferred mode and sets it;
 * QEMU hands the new scanout size to our listener and the refresh loop replaces the framebuffer.
 * No guest program is involved (the test kernel has DRM_VIRTIO_GPU, DRM_FBDEV_EMULATION and
 * FRAMEBUFFER_CONSOLE). The fbdev emulation sizes its framebuffer at boot (1280x800 here, the
 * device's default), so this console follows any size up to that; asked for more it takes the
 * largest listed mode that fits. A desktop session (a compositor on the DRM device) follows any size.
 *
 * <p>The guest runs evdev-dump too (virtio keyboard and tablet), for the ExtendedMouseButtons checks
 * through the D-Bus console and through QMP. A SeaBIOS QEMU on standard VGA shows the other side:
 * its console cannot take a size, and the viewer is told "prohibited".
 */
// One guest for the class: it boots under TCG (up to 5 min allowed for READY; about 20 s when all
// goes well); each test then takes seconds.
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class QemuDbusResizeGuestTest extends NeedsTestGuest {
    private static final int EDS = -308;
    private static final int EXTENDED_MOUSE_BUTTONS = -316;
    private static final int BACK = 1 << 7;
    private static final int FORWARD = 1 << 8;

    private static PrivateBus bus;
    private static Qemu vm;
    private static Path guestDir;
    private static InputSink input;
    private static VncServer server;


    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void bootGuest() throws Exception {
        bus = PrivateBus.start();
        QemuBuilder guest = Qemu.testGuest("qemu-dbus-resize").memory(512).quietKernel()
                .options("-vga", "none", "-device", "virtio-gpu-pci").display("dbus,addr=" + bus.address())
                .inputDevices().qmp();
        guest.recordingEvdev(900);
        guestDir = guest.dir();
        vm = guest.start();
        vm.awaitGuestReport("events", 300, "READY");
        QemuDbusSource source = new QemuDbusSource(QemuDbusAddress.parse(bus.address()), Readback.AUTO);
        input = source.inputSink();
        RfbConfig config = RfbConfig.defaults(List.of(new NoneSecurity()));
        StaticFiles web = new StaticFiles(Tools.projectDir().resolve("web"));
        server = VncServer.start(source, TestServer.fastPacing(), config, input, new ListenAddress("127.0.0.1", 0),
                TransportOptions.sniffing(web, null));
        awaitConsole(1280, 800, "the guest's console at its boot size");
    }

    @AfterAll
    static void stop() throws Exception {
        try (PrivateBus b = bus; Qemu v = vm; InputSink i = input; VncServer s = server) {
            // closes all that started, the server first
        }
    }

    /** Waits until QEMU's console has {@code w} x {@code h} and the server's framebuffer too. */
    private static void awaitConsole(int w, int h, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int[] size = null;
        while (System.nanoTime() < deadline) {
            size = bus.consoleSize();
            var fb = server.loop().current();
            if (size[0] == w && size[1] == h && fb != null && fb.width() == w && fb.height() == h) {
                return;
            }
            Thread.sleep(100);
        }
        fail(what + ": console is " + size[0] + "x" + size[1] + ", wanted " + w + "x" + h);
    }

    /** A Raw viewer with ExtendedDesktopSize (and {@code more}) that has its first update. */
    private static RawRfbClient viewer(int port, int... more) throws IOException {
        RawRfbClient c = RawRfbClient.connect(null, port, 30_000).handshakeNone();
        int[] encodings = new int[2 + more.length];
        encodings[0] = 0;
        encodings[1] = EDS;
        System.arraycopy(more, 0, encodings, 2, more.length);
        c.setEncodings(encodings);
        c.requestUpdate(false);
        c.readUntil(m -> m.type() == 0 && RawRfbClient.desktopSize(m) != null, 5);
        return c;
    }

    private static void assertSize(RawRfbClient.RectInfo r, int reason, int status, int w, int h) {
        assertEquals(List.of(reason, status, w, h), List.of(r.x(), r.y(), r.w(), r.h()),
                "ExtendedDesktopSize reason, status, width, height");
    }

    @Test
    void setDesktopSizeResizesTheGuestAndTheViewersFollow() throws Exception {
        try (RawRfbClient asker = viewer(server.port());
             RawRfbClient other = viewer(server.port())) {
            // Answered with the guest's new size once it took it, within the server's wait (10 s; the
            // guest itself needs about 0.4 s, the new picture 2-4 s to come through D-Bus).
            assertSize(ask(asker, 1024, 768), 1, 0, 1024, 768);
            assertSize(other.nextDesktopSize(200), 0, 0, 1024, 768);
            assertArrayEquals(new int[] {1024, 768}, bus.consoleSize());

            // Odd sizes too: the preferred mode comes from QEMU's EDID, to the pixel.
            assertSize(ask(asker, 1023, 701), 1, 0, 1023, 701);
            assertSize(other.nextDesktopSize(200), 0, 0, 1023, 701);

            // Larger than the console's boot-time framebuffer: the guest takes the largest mode that
            // fits, and that is the answer.
            RawRfbClient.RectInfo larger = ask(asker, 1600, 900);
            int[] console = bus.consoleSize();
            assertSize(larger, 1, 0, console[0], console[1]);
            assertTrue(console[0] <= 1280 && console[1] <= 800, "console " + console[0] + "x" + console[1]);

            assertSize(ask(asker, 1280, 800), 1, 0, 1280, 800);
        }
        awaitConsole(1280, 800, "back to the boot size");
    }

    /** SetDesktopSize and its answer; prints how long the answer took. */
    private static RawRfbClient.RectInfo ask(RawRfbClient c, int w, int h) throws IOException {
        long t0 = System.nanoTime();
        c.setDesktopSize(w, h);
        RawRfbClient.RectInfo answer = c.nextDesktopSize(400);
        System.out.printf("SetDesktopSize %dx%d answered in %d ms: status %d, %dx%d%n", w, h,
                (System.nanoTime() - t0) / 1_000_000, answer.y(), answer.w(), answer.h());
        return answer;
    }

    @Test
    void theServedPagesRemoteResizeGivesTheGuestTheWindowsSize() throws Exception {
        try (BrowserDriver browser = BrowserDriver.start()) {
            browser.openWith("http://127.0.0.1:" + server.port() + "/", "view=remote", null);
            String reply = browser.awaitTrue(BrowserDriver.CANVAS_FILLS_SCREEN, 30000);
            assertTrue(reply.startsWith("ok "), "the canvas should take the window's size: " + reply
                    + ", console " + java.util.Arrays.toString(bus.consoleSize()));
            String[] first = unquoted(browser.eval(BrowserDriver.SCREEN_SIZE)).split("x");
            assertArrayEquals(new int[] {Integer.parseInt(first[0]), Integer.parseInt(first[1])}, bus.consoleSize());

            browser.viewport(900, 600);
            reply = browser.awaitTrue(BrowserDriver.CANVAS_FILLS_SCREEN + " && " + BrowserDriver.SCREEN_SIZE + " !== '"
                    + first[0] + "x" + first[1] + "'", 30000);
            assertTrue(reply.startsWith("ok "), "the canvas should follow the window: " + reply);
            String[] second = unquoted(browser.eval(BrowserDriver.SCREEN_SIZE)).split("x");
            int w = Integer.parseInt(second[0]);
            int h = Integer.parseInt(second[1]);
            assertArrayEquals(new int[] {w, h}, bus.consoleSize());
            awaitCanvasEqualsFramebuffer(browser, w);
            assertEquals("true", browser.eval("document.getElementById('view-note').hidden"), "no note: the VM followed");
        }
    }

    /** The canvas shows the guest's picture at its new size, pixel for pixel (the cursor blinks: retried). */
    private static void awaitCanvasEqualsFramebuffer(BrowserDriver browser, int width) throws Exception {
        String last = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            BrowserDriver.Canvas c = browser.canvas();
            last = c.width() != width ? "canvas is " + c.width() + " wide"
                    : Pixels.compare(TestServer.snapshot(server), c.pixels(), width, 0);
            if (last == null) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the canvas never equalled the framebuffer: " + last);
    }

    private static String unquoted(String json) {
        return json.substring(1, json.length() - 1);
    }

    @Test
    void backAndForwardButtonsReachTheGuestThroughTheConsoleAndThroughQmp() throws Exception {
        try (RawRfbClient c = viewer(server.port(), EXTENDED_MOUSE_BUTTONS)) {
            clickBackAndForward(c);
        }
        // EV_KEY=1 BTN_SIDE=275 (back) BTN_EXTRA=276 (forward)
        awaitEvents(1);
        try (QmpInputSink qmp = new QmpInputSink(QmpAddress.parse("unix:" + vm.qmpSocket()));
             VncServer qmpServer = TestServer.start(new DemoSource(320, 200, true), List.of(new NoneSecurity()), qmp);
             RawRfbClient c = viewer(qmpServer.port(), EXTENDED_MOUSE_BUTTONS)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!qmp.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(qmp.isConnected(), "QMP never connected");
            clickBackAndForward(c);
            awaitEvents(2);
        }
    }

    /** Confirms the extension was acknowledged, then presses and releases back, then forward. */
    private static void clickBackAndForward(RawRfbClient c) throws Exception {
        c.requestUpdate(true);
        // The acknowledgement came with the first update or comes with the next.
        c.pointer(0, 10, 10);
        for (int buttons : new int[] {BACK, 0, FORWARD, 0}) {
            c.pointer(buttons, 10, 10);
            Thread.sleep(50);
        }
    }

    /** Waits until the guest reported each of back/forward down and up {@code times} times. */
    private static void awaitEvents(int times) throws Exception {
        Path events = guestDir.resolve("events");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.readString(events);
            boolean all = true;
            for (String e : new String[] {" 1 275 1\n", " 1 275 0\n", " 1 276 1\n", " 1 276 0\n"}) {
                all &= count(text, e) >= times;
            }
            if (all) {
                return;
            }
            Thread.sleep(100);
        }
        fail("guest did not report back and forward " + times + " time(s); events:\n" + text);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aStandardVgaConsoleCannotTakeASizeAndTheViewerIsToldProhibited() throws Exception {
        try (PrivateBus vgaBus = PrivateBus.start();
             Qemu seabios = Qemu.in(vgaBus.dir()).memory(64).options("-vga", "std", "-nic", "none", "-boot", "menu=on,splash-time=60000")
                     .display("dbus,addr=" + vgaBus.address()).qmpHandshakeOnStart().start()) {
            QemuDbusSource source = new QemuDbusSource(QemuDbusAddress.parse(vgaBus.address()), Readback.AUTO);
            try (VncServer vga = VncServer.start(source, RefreshLoop.Pacing.defaults(),
                    RfbConfig.defaults(List.of(new NoneSecurity())), org.vfiovnc.input.NoInputSink.INSTANCE,
                    new ListenAddress("127.0.0.1", 0));
                 RawRfbClient c = viewer(vga.port())) {
                assertEquals(SizeRequest.PROHIBITED, source.requestSize(800, 600));
                int w = vga.loop().current().width();
                int h = vga.loop().current().height();
                c.setDesktopSize(800, 600);
                assertSize(c.nextDesktopSize(50), 1, 1, w, h);
            }
        }
    }
}
