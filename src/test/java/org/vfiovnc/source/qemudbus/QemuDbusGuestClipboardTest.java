package org.vfiovnc.source.qemudbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.vfiovnc.testing.GuestKernel;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.TransportOptions;

/**
 * Acceptance for the guest clipboard, end to end: a Linux guest under QEMU TCG (the test kernel,
 * with virtio-serial) runs Xvfb, spice-vdagentd and spice-vdagent; QEMU has
 * {@code -chardev qemu-vdagent,clipboard=on} on the agent's port and {@code -display dbus}. Text
 * copied in the guest (xclip) reaches a viewer of the server, and a viewer's copy is what the
 * guest pastes (xclip -o), through QEMU's D-Bus clipboard both ways.
 */
class QemuDbusGuestClipboardTest {

    /** The guest's side: starts X and the agents, then copies or pastes when the host asks (files in $RESULTS). */
    private static final String GUEST_SCRIPT = String.join("\n",
            "export DISPLAY=:0 XDG_RUNTIME_DIR=/tmp/xdg HOME=/tmp",
            "mkdir -p /tmp/xdg /run/spice-vdagentd",
            "Xvfb :0 -screen 0 320x240x24 -nolisten tcp > $RESULTS/xvfb.log 2>&1 &",
            "port=",
            "for p in /sys/class/virtio-ports/*; do [ \"$(cat $p/name 2>/dev/null)\" = com.redhat.spice.0 ] && port=/dev/${p##*/}; done",
            "echo \"port $port\" > $RESULTS/state",
            // No udev in the guest: the agents find the port under the name udev would give it.
            "mkdir -p /dev/virtio-ports && ln -sf \"$port\" /dev/virtio-ports/com.redhat.spice.0",
            "spice-vdagentd -x -X -f -u /dev/null -d > $RESULTS/vdagentd.log 2>&1 &",
            "i=0; while [ ! -e /tmp/.X11-unix/X0 ] && [ $i -lt 300 ]; do sleep 0.2; i=$((i+1)); done",
            "spice-vdagent -x -d > $RESULTS/vdagent.log 2>&1 &",
            "echo READY >> $RESULTS/state",
            "i=0",
            "while [ $i -lt 1500 ] && [ ! -e $RESULTS/quit ]; do",
            "  if [ -e $RESULTS/copy-go ]; then rm $RESULTS/copy-go; xclip -selection clipboard -i < $RESULTS/copy-text;"
                    + " echo copied >> $RESULTS/state; fi",
            "  if [ -e $RESULTS/paste-go ]; then rm $RESULTS/paste-go; xclip -selection clipboard -o > $RESULTS/pasted.tmp"
                    + " 2>&1; mv $RESULTS/pasted.tmp $RESULTS/pasted; fi",
            "  sleep 0.2; i=$((i+1))",
            "done",
            "");

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void guestCopiesReachViewersAndViewerCopiesAreWhatTheGuestPastes() throws Exception {
        String qemu = Tools.require("qemu-system-x86_64", "qemu-system-x86");
        Tools.require("spice-vdagent", "spice-vdagent");
        Tools.require("xclip", "xclip");
        Tools.require("Xvfb", "xvfb");
        Path init = Tools.projectDir().toAbsolutePath().resolve("native-stubs/guest/guest-init.sh");
        Path kernel = GuestKernel.path();
        try (QemuDbusVm bus = QemuDbusVm.startBus()) {
            Path results = Files.createTempDirectory("guest-clipboard");
            Files.writeString(results.resolve("run.sh"), GUEST_SCRIPT);
            Files.setPosixFilePermissions(results, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path console = results.resolve("console.log");
            List<String> cmd = List.of(qemu, "-machine", "pc", "-accel", "tcg,thread=multi", "-cpu", "max", "-smp", "2",
                    "-m", "512", "-no-reboot", "-serial", "file:" + console, "-monitor", "none", "-nic", "none",
                    "-vga", "std", "-display", "dbus,addr=" + bus.busAddress(), "-kernel", kernel.toString(),
                    "-append", "console=ttyS0 root=hostroot rootfstype=9p rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose"
                            + " ro init=" + init + " panic=-1 quiet",
                    "-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
                    "-virtfs", "local,path=" + results + ",mount_tag=results,security_model=none",
                    "-chardev", "qemu-vdagent,id=vdagent,clipboard=on",
                    "-device", "virtio-serial-pci", "-device", "virtserialport,chardev=vdagent,name=com.redhat.spice.0");
            Process vm = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(results.resolve("qemu.log").toFile()).start();
            Path state = results.resolve("state");
            try (QemuDbusClipboard clipboard = new QemuDbusClipboard(bus.busAddress(), 1 << 20);
                 VncServer server = VncServer.start(new RefreshLoop(new DemoSource(64, 64, true), TestServer.fastPacing()),
                         RfbConfig.defaults(List.of(new NoneSecurity())),
                         new GuestLink(NoInputSink.INSTANCE, PowerControl.NONE, clipboard),
                         new ListenAddress("127.0.0.1", 0), TransportOptions.plainRfb())) {
                GuestKernel.awaitReport(state, 300, () -> diagnostics(results), "READY");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!clipboard.registered() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(clipboard.registered(), "QemuDbusClipboard never registered" + diagnostics(results));
                try (RawRfbClient viewer = RawRfbClient.connect(server.port()).handshakeNone()) {
                    // The agent announces itself to QEMU after X is up: copy until a copy arrives.
                    String fromGuest = "copied in the guest \u2603";
                    Files.writeString(results.resolve("copy-text"), fromGuest);
                    ClipboardWire.Cut cut = null;
                    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while (cut == null && System.nanoTime() < deadline) {
                        Files.writeString(results.resolve("copy-go"), "");
                        try {
                            cut = ClipboardWire.readCut(viewer, 5000);
                        } catch (java.net.SocketTimeoutException e) {
                            // not yet: the agent may still be starting
                        }
                    }
                    assertTrue(cut != null, "no guest copy reached the viewer" + diagnostics(results));
                    assertEquals("copied in the guest ?", cut.latin1());

                    String fromViewer = "pasted from the viewer";
                    ClipboardWire.classicCut(viewer, fromViewer.getBytes(StandardCharsets.ISO_8859_1));
                    Path pasted = results.resolve("pasted");
                    String got = null;
                    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (!fromViewer.equals(got) && System.nanoTime() < deadline) {
                        Thread.sleep(500);
                        Files.deleteIfExists(pasted);
                        Files.writeString(results.resolve("paste-go"), "");
                        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                        while (!Files.exists(pasted) && System.nanoTime() < until) {
                            Thread.sleep(100);
                        }
                        got = Files.exists(pasted) ? Files.readString(pasted) : null;
                    }
                    assertEquals(fromViewer, got, "what the guest pastes" + diagnostics(results));
                }
                Files.writeString(results.resolve("quit"), "");
                vm.waitFor(60, TimeUnit.SECONDS);
            } finally {
                vm.destroyForcibly();
                vm.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String diagnostics(Path results) {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("state", "vdagentd.log", "vdagent.log", "xvfb.log", "log", "qemu.log", "console.log")) {
            b.append(GuestKernel.tailOf(f, results.resolve(f)));
        }
        return b.toString();
    }
}
