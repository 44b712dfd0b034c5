package org.vfiovnc.source.qemudbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiovnc.testing.ClipboardWire.NOTIFY;
import static org.vfiovnc.testing.ClipboardWire.PROVIDE;
import static org.vfiovnc.testing.ClipboardWire.REQUEST;
import static org.vfiovnc.testing.ClipboardWire.TEXT;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.input.GuestLink;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.input.PowerControl;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.ClipboardWire;
import org.vfiovnc.testing.ClipboardWire.Cut;
import org.vfiovnc.testing.Qemu;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.TransportOptions;

/**
 * The guest clipboard through QEMU's D-Bus clipboard. Against a real QEMU 7.2: a viewer's copy
 * becomes QEMU's clipboard content, which QEMU's own VNC server (standing in for the guest's agent,
 * the other peer of QEMU's clipboard) then hands to its extended-clipboard client, fetching it from
 * us with Request. The other way needs a serial only qemu-vdagent gives, so a stand-in QEMU on a
 * real dbus-daemon plays the guest's grabs: its text reaches viewers, and a stale grab is dropped.
 */
class QemuDbusClipboardTest {

    private static VncServer serve(QemuDbusClipboard clipboard) throws Exception {
        return VncServer.start(new RefreshLoop(new DemoSource(64, 64, true), TestServer.fastPacing()),
                RfbConfig.defaults(List.of(new NoneSecurity())),
                new GuestLink(NoInputSink.INSTANCE, PowerControl.NONE, clipboard),
                new ListenAddress("127.0.0.1", 0), TransportOptions.plainRfb());
    }

    private static void awaitRegistered(QemuDbusClipboard clipboard) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!clipboard.registered() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(clipboard.registered(), "never registered with QEMU's clipboard");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void viewerTextBecomesQemusClipboardContent() throws Exception {
        try (PrivateBus bus = PrivateBus.start();
             Qemu vm = Qemu.in(bus.dir()).memory(64).options("-vga", "std").display("dbus,addr=" + bus.address())
                     .options("-nic", "none", "-no-reboot", "-vnc", "127.0.0.1:0,to=99").qmpHandshakeOnStart().start()) {
            Matcher port = Pattern.compile("\"service\": *\"(\\d+)\"").matcher(vm.command("{\"execute\":\"query-vnc\"}"));
            assertTrue(port.find(), "QEMU's VNC port");
            try (QemuDbusClipboard clipboard = new QemuDbusClipboard(bus.address(), 1 << 20);
                 VncServer server = serve(clipboard);
                 RawRfbClient qemuSide = RawRfbClient.connect(Integer.parseInt(port.group(1))).handshakeNone();
                 RawRfbClient viewer = RawRfbClient.connect(server.port()).handshakeNone()) {
                awaitRegistered(clipboard);
                qemuSide.setEncodings(0, ClipboardWire.EXTENDED_CLIPBOARD);
                Cut caps = ClipboardWire.readCut(qemuSide, 10_000);
                assertTrue((caps.flags() & ClipboardWire.CAPS) != 0, "QEMU's VNC sends its caps");

                String text = "Gr\u00fc\u00dfe from the viewer";
                ClipboardWire.classicCut(viewer, text.getBytes(StandardCharsets.ISO_8859_1));
                // QEMU took our grab: its VNC client is told, asks, and QEMU asks us (Request).
                assertEquals(NOTIFY | TEXT, ClipboardWire.readCut(qemuSide, 10_000).flags());
                ClipboardWire.extendedCut(qemuSide, REQUEST | TEXT, new byte[0]);
                Cut provide = ClipboardWire.readCut(qemuSide, 10_000);
                assertEquals(PROVIDE | TEXT, provide.flags());
                assertEquals(text, ClipboardWire.providedText(provide.body()));
            }
        }
    }

    /** Plays QEMU on the bus: records our calls, answers Request with the guest's text. */
    static final class StandInQemu implements Display1Clipboard {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile byte[] guestText;

        @Override
        public String getObjectPath() {
            return PATH;
        }

        @Override
        public void register() {
            calls.add("register");
        }

        @Override
        public void unregister() {
            calls.add("unregister");
        }

        @Override
        public void grab(UInt32 selection, UInt32 serial, List<String> mimes) {
            calls.add("grab " + serial + " " + mimes);
        }

        @Override
        public void release(UInt32 selection) {
            calls.add("release");
        }

        @Override
        public Content<String, byte[]> request(UInt32 selection, List<String> mimes) {
            calls.add("request " + mimes);
            return new Content<>(TEXT, guestText);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void guestGrabsReachViewersAndStaleGrabsAreDropped() throws Exception {
        try (PrivateBus bus = PrivateBus.start();
             DBusConnection qemuBus = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build()) {
            StandInQemu qemu = new StandInQemu();
            qemuBus.exportObject(Display1Clipboard.PATH, qemu);
            qemuBus.requestBusName(Attachment.BUS_NAME);
            try (QemuDbusClipboard clipboard = new QemuDbusClipboard(bus.address(), 1 << 20);
                 VncServer server = serve(clipboard);
                 RawRfbClient viewer = RawRfbClient.connect(server.port()).handshakeNone()) {
                awaitRegistered(clipboard);
                Display1Clipboard ours = qemuBus.getRemoteObject(clipboard.busName(), Display1Clipboard.PATH,
                        Display1Clipboard.class);

                ClipboardWire.classicCut(viewer, "mine".getBytes(StandardCharsets.ISO_8859_1));
                awaitCall(qemu, "grab 1 [" + Display1Clipboard.TEXT + "]");
                assertEquals("mine", new String(ours.request(new UInt32(0), List.of(Display1Clipboard.TEXT)).getData(),
                        StandardCharsets.UTF_8), "QEMU fetches the viewer's text from us");

                qemu.guestText = "from the guest \u2603\n".getBytes(StandardCharsets.UTF_8);
                ours.grab(new UInt32(2), new UInt32(2), List.of(Display1Clipboard.TEXT)); // primary selection: ignored
                ours.grab(new UInt32(0), new UInt32(0), List.of(Display1Clipboard.TEXT)); // lost the race to ours
                ours.grab(new UInt32(0), new UInt32(2), List.of(Display1Clipboard.TEXT));
                Cut cut = ClipboardWire.readCut(viewer, 10_000);
                assertEquals("from the guest ?\n", cut.latin1());
                assertEquals(1, qemu.calls.stream().filter(c -> c.startsWith("request")).count(), "calls: " + qemu.calls);

                ClipboardWire.classicCut(viewer, "mine again".getBytes(StandardCharsets.ISO_8859_1));
                awaitCall(qemu, "grab 3 [" + Display1Clipboard.TEXT + "]");
            }
        }
    }

    private static void awaitCall(StandInQemu qemu, String call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!qemu.calls.contains(call) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(qemu.calls.contains(call), "expected " + call + " among " + qemu.calls);
    }
}
