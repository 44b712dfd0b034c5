package org.vfiovnc.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.qmp.QmpAddress;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.ClipboardWire;
import org.vfiovnc.testing.NeedsTestGuest;
import org.vfiovnc.testing.Qemu;
import org.vfiovnc.testing.QemuBuilder;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.TransportOptions;

/**
 * Acceptance for paste as typing: a viewer's ClientCutText, with --paste-as-keys and no guest
 * clipboard, is typed into a Linux guest through QMP, and the guest's evdev log shows exactly the
 * key sequence of a US keyboard: Shift around capitals and shifted symbols, nothing else. The guest
 * is QmpGuestEvdevTest's ({@link Qemu#testGuest}, native-stubs/guest/evdev-dump.c).
 */
class PasteAsKeysGuestTest extends NeedsTestGuest {
    private static final String TEXT = "Hello, World! 42 #$%&*()_+";
    private static final int SHIFT = 42;

    /** Linux key codes (EV_KEY) of the keys typing TEXT presses, and whether Shift is held. */
    private static List<String> expectedEvents() {
        int[][] keys = {{35, 1}, {18, 0}, {38, 0}, {38, 0}, {24, 0}, {51, 0}, {57, 0}, {17, 1}, {24, 0}, {19, 0},
            {38, 0}, {32, 0}, {2, 1}, {57, 0}, {5, 0}, {3, 0}, {57, 0}, {4, 1}, {5, 1}, {6, 1}, {8, 1}, {9, 1},
            {10, 1}, {11, 1}, {12, 1}, {13, 1}};
        List<String> out = new ArrayList<>();
        for (int[] k : keys) {
            if (k[1] == 1) {
                out.add(SHIFT + " 1");
            }
            out.add(k[0] + " 1");
            out.add(k[0] + " 0");
            if (k[1] == 1) {
                out.add(SHIFT + " 0");
            }
        }
        out.add("1 1"); // Escape, which ends the guest's recording
        out.add("1 0");
        return out;
    }


    // The guest boots under TCG (up to 5 min for its READY), the text is typed (about 1 s) and the
    // guest powers off on Escape: about 15 s when all goes well.
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void viewerClipboardTextIsTypedIntoTheGuestKeyForKey() throws Exception {
        QemuBuilder guest = Qemu.testGuest("paste-guest").memory(512).quietKernel()
                .options("-nographic", "-vga", "none", "-device", "virtio-keyboard-pci").qmp();
        Path events = guest.recordingEvdev(240);
        try (Qemu vm = guest.start()) {
            vm.awaitGuestReport("events", 300, "READY");
            try (QmpInputSink sink = new QmpInputSink(QmpAddress.parse("unix:" + vm.qmpSocket()));
                 TextTyper typer = new TextTyper(sink, TextTyper.DEFAULT_EVENT_INTERVAL_MS, 1 << 16);
                 VncServer server = VncServer.start(new RefreshLoop(new DemoSource(64, 64, true), TestServer.fastPacing()),
                         RfbConfig.defaults(List.of(new NoneSecurity())),
                         new GuestLink(sink, PowerControl.NONE, new TypingClipboard(typer, GuestClipboard.NONE)),
                         new ListenAddress("127.0.0.1", 0), TransportOptions.plainRfb());
                 RawRfbClient viewer = RawRfbClient.connect(server.port()).handshakeNone()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!sink.isConnected() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(sink.isConnected(), "QMP never connected");
                ClipboardWire.classicCut(viewer, TEXT.getBytes(StandardCharsets.ISO_8859_1));
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((typer.typed() < TEXT.length() || !typer.idle()) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(TEXT.length(), typer.typed(), "characters typed");
                for (boolean down : new boolean[] {true, false}) {
                    viewer.out.write(new byte[] {4, (byte) (down ? 1 : 0), 0, 0});
                    viewer.out.writeInt(0xff1b);
                }
                viewer.out.flush();
                if (!vm.awaitExit(120)) {
                    fail("guest did not power off after Escape; events:\n" + Files.readString(events));
                }
            }
            List<String> keys = new ArrayList<>();
            for (String line : Files.readAllLines(events)) {
                String[] f = line.split(" ");
                if (f.length == 5 && f[0].equals("EV") && f[2].equals("1")) {
                    keys.add(f[3] + " " + f[4]);
                }
            }
            assertEquals(expectedEvents(), keys, "the guest's key events (code value)");
        }
    }
}
