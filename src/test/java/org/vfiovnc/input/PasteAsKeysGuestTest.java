package org.vfiovnc.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.ClipboardWire;
import org.vfiovnc.testing.GuestKernel;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.TransportOptions;

/**
 * Acceptance for paste as typing: a viewer's ClientCutText, with --paste-as-keys and no guest
 * clipboard, is typed into a Linux guest through QMP, and the guest's evdev log shows exactly the
 * key sequence of a US keyboard: Shift around capitals and shifted symbols, nothing else. The guest
 * is QmpGuestEvdevTest's (kernel from native-stubs/guest/build-kernel.sh, evdev-dump.c).
 */
class PasteAsKeysGuestTest {
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

    @Test
    void viewerClipboardTextIsTypedIntoTheGuestKeyForKey() throws Exception {
        String qemu = Tools.require("qemu-system-x86_64", "qemu-system-x86");
        Tools.require("busybox", "busybox-static");
        Path init = Tools.projectDir().toAbsolutePath().resolve("native-stubs/guest/guest-init.sh");
        Path k = GuestKernel.path();
        Path results = Files.createTempDirectory("paste-guest");
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
                "-device", "virtio-keyboard-pci",
                "-qmp", "unix:" + sock + ",server=on,wait=off");
        Path console = results.resolve("console.log");
        Process vm = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        Path events = results.resolve("events");
        try {
            GuestKernel.awaitReport(events, 300, () -> GuestKernel.tailOf("console", console), "READY");
            try (QmpInputSink sink = new QmpInputSink(QmpAddress.parse("unix:" + sock));
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
                if (!vm.waitFor(120, TimeUnit.SECONDS)) {
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
        } finally {
            vm.destroyForcibly();
            vm.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
