package org.vfiovnc.source.qemudbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.vfiovnc.testing.NeedsTestGuest;
import org.vfiovnc.testing.Qemu;
import org.vfiovnc.testing.QemuBuilder;
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
class QemuDbusGuestClipboardTest extends NeedsTestGuest {

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


    // The guest boots under TCG and starts X and the agents (up to 5 min allowed), then each copy
    // takes a second or two: about 40 s when all goes well.
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void guestCopiesReachViewersAndViewerCopiesAreWhatTheGuestPastes() throws Exception {
        Tools.require("spice-vdagent", "spice-vdagent");
        Tools.require("xclip", "xclip");
        Tools.require("Xvfb", "xvfb");
        try (PrivateBus bus = PrivateBus.start()) {
            QemuBuilder guest = Qemu.testGuest("guest-clipboard").memory(512).quietKernel()
                    .options("-vga", "std").display("dbus,addr=" + bus.address())
                    .options("-chardev", "qemu-vdagent,id=vdagent,clipboard=on", "-device", "virtio-serial-pci",
                            "-device", "virtserialport,chardev=vdagent,name=com.redhat.spice.0");
            Path results = guest.dir();
            Files.writeString(results.resolve("run.sh"), GUEST_SCRIPT);
            try (Qemu vm = guest.start();
                 QemuDbusClipboard clipboard = new QemuDbusClipboard(bus.address(), 1 << 20);
                 VncServer server = VncServer.start(new RefreshLoop(new DemoSource(64, 64, true), TestServer.fastPacing()),
                         RfbConfig.defaults(List.of(new NoneSecurity())),
                         new GuestLink(NoInputSink.INSTANCE, PowerControl.NONE, clipboard),
                         new ListenAddress("127.0.0.1", 0), TransportOptions.plainRfb())) {
                vm.awaitGuestReport("state", 300, "READY");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!clipboard.registered() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(clipboard.registered(), "QemuDbusClipboard never registered" + diagnostics(vm, results));
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
                    assertTrue(cut != null, "no guest copy reached the viewer" + diagnostics(vm, results));
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
                    assertEquals(fromViewer, got, "what the guest pastes" + diagnostics(vm, results));
                }
                Files.writeString(results.resolve("quit"), "");
                vm.awaitExit(60);
            }
        }
    }

    /** The guest's own logs and QEMU's (with the guest console), for a failure message. */
    private static String diagnostics(Qemu vm, Path results) {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("state", "vdagentd.log", "vdagent.log", "xvfb.log", "log")) {
            try {
                b.append("\n--- ").append(f).append('\n')
                        .append(Files.exists(results.resolve(f)) ? Tools.tail(Files.readString(results.resolve(f))) : "");
            } catch (java.io.IOException e) {
                b.append("unreadable: ").append(e.getMessage());
            }
        }
        return b.append("\n--- QEMU's log (console)\n").append(Tools.tail(vm.log())).toString();
    }
}
