package org.vfiovnc.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shinyhut.vernacular.client.VernacularClient;
import com.shinyhut.vernacular.client.VernacularConfig;
import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.qmp.QmpAddress;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.SharePolicy;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.Qemu;
import org.vfiovnc.testing.TestServer;

/** Viewer input reaches a real QEMU's input layer through QMP. */
class QmpInputTest {
    @TempDir
    Path tmp;

    /**
     * QEMU without a guest (SeaBIOS idles) with a virtio keyboard and tablet and a QMP socket,
     * tracing every input event it receives; a second one in the same folder takes the same socket.
     */
    private Qemu qemuWithInputDevices() throws Exception {
        return Qemu.in(tmp).options("-nodefaults").display("none").inputDevices().qmp().traceInput().start();
    }

    private static void awaitConnected(QmpInputSink sink) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!sink.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(sink.isConnected(), "QMP input never connected");
    }

    private static VernacularClient viewer(VncServer server) throws InterruptedException {
        VernacularConfig config = new VernacularConfig();
        config.setColorDepth(ColorDepth.BPP_24_TRUE);
        AtomicInteger frames = new AtomicInteger();
        config.setScreenUpdateListener(img -> frames.incrementAndGet());
        VernacularClient client = new VernacularClient(config);
        client.start("127.0.0.1", server.port());
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (frames.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(frames.get() > 0, "viewer got no frame");
        return client;
    }

    @Test
    void keysPointerButtonsAndWheelFromARealViewerReachQemu() throws Exception {
        try (Qemu qemu = qemuWithInputDevices();
             QmpInputSink sink = new QmpInputSink(QmpAddress.parse("unix:" + qemu.qmpSocket()));
             VncServer server = TestServer.start(new DemoSource(640, 480, true), List.of(new NoneSecurity()), sink)) {
            awaitConnected(sink);
            VernacularClient client = viewer(server);
            try {
                client.type("q!");
                client.updateKey(0xff0d, true);
                client.updateKey(0xff0d, false);
                client.moveMouse(639, 0);
                Thread.sleep(100);
                client.moveMouse(320, 479);
                client.updateMouseButton(1, true);
                client.updateMouseButton(1, false);
                client.scrollUp();
                qemu.awaitInputTrace(15_000,
                        "key qcode q, down 1", "key qcode q, down 0", "key qcode 1, down 1",
                        "key qcode ret, down 1", "key qcode ret, down 0",
                        "axis x, value 0x7fff", "axis y, value 0x0",
                        "axis x, value 0x4019", "axis y, value 0x7fff",
                        "button left, down 1", "button left, down 0", "button wheel-up, down 1");
            } finally {
                client.stop();
            }
            // QEMU ExtendedKeyEvent scancodes (as the session passes them) win over the keysym
            sink.key(true, 'x', 0x9c);
            sink.key(false, 'x', 0x9c);
            qemu.awaitInputTrace(10_000, "key qcode kp_enter, down 1", "key qcode kp_enter, down 0");
        }
    }

    @Test
    void viewOnlyServerSendsNothing() throws Exception {
        try (Qemu qemu = qemuWithInputDevices();
             QmpInputSink sink = new QmpInputSink(QmpAddress.parse("unix:" + qemu.qmpSocket()));
             VncServer server = TestServer.start(new DemoSource(320, 240, true),
                     new RfbConfig("view-only", List.of(new NoneSecurity()), SharePolicy.parse("always-shared"), true,
                             1 << 20, 10_000, 8), sink)) {
            awaitConnected(sink);
            VernacularClient client = viewer(server);
            try {
                client.type("zz");
                client.moveMouse(100, 100);
                client.click(1);
                Thread.sleep(1500);
            } finally {
                client.stop();
            }
            assertEquals(0, sink.commandsSent());
            assertFalse(qemu.inputTrace().contains("input_event_"), qemu.inputTrace());
        }
    }

    @Test
    void reconnectsWhenQemuComesBack() throws Exception {
        QmpInputSink sink;
        try (Qemu first = qemuWithInputDevices()) {
            sink = new QmpInputSink(QmpAddress.parse("unix:" + first.qmpSocket()));
            awaitConnected(sink);
            sink.key(true, 'a', 0);
            first.awaitInputTrace(10_000, "key qcode a, down 1");
        }
        try (sink) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sink.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(sink.isConnected(), "still connected after QEMU exited");
            sink.key(true, 'b', 0); // dropped: nobody to send it to
            try (Qemu second = qemuWithInputDevices()) {
                awaitConnected(sink);
                sink.key(true, 'c', 0);
                second.awaitInputTrace(10_000, "key qcode c, down 1");
                assertFalse(second.inputTrace().contains("qcode b"), "input made while disconnected must be dropped");
            }
        }
    }

    @Test
    void refusedInputIsReportedRarelyAndNeverWithTheTypedKeys() throws Exception {
        AtomicInteger refusedCommands = new AtomicInteger();
        try (ServerSocket fakeQemu = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LogCapture log = new LogCapture()) {
            // A QMP monitor that refuses every input command and, as QEMU's messages may, quotes it back.
            Thread monitor = new Thread(() -> {
                try (Socket s = fakeQemu.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream out = s.getOutputStream();
                    out.write("{\"QMP\": {\"version\": {}, \"capabilities\": []}}\n".getBytes(StandardCharsets.UTF_8));
                    for (String line; (line = in.readLine()) != null; ) {
                        String reply = !line.contains("input-send-event") ? "{\"return\": {}}"
                                : "{\"error\": {\"class\": \"GenericError\", \"desc\": \"Invalid parameter "
                                        + line.replace("\"", "'") + "\"}}";
                        if (line.contains("input-send-event")) {
                            refusedCommands.incrementAndGet();
                        }
                        out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                } catch (java.io.IOException closed) {
                    // the sink went away
                }
            }, "fake-qmp");
            monitor.setDaemon(true);
            monitor.start();
            try (QmpInputSink sink = new QmpInputSink(QmpAddress.parse("tcp:127.0.0.1:" + fakeQemu.getLocalPort()))) {
                awaitConnected(sink);
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (refusedCommands.get() < 30 && System.nanoTime() < deadline) {
                    for (char c : "hunter".toCharArray()) {
                        sink.key(true, c, 0);
                        sink.key(false, c, 0);
                    }
                    Thread.sleep(20);
                }
                assertTrue(refusedCommands.get() >= 30, "refused " + refusedCommands.get());
            }
            List<String> lines = log.lines();
            assertTrue(log.count("refused") <= 2, "one report per 10 s, not one per command: " + lines);
            assertTrue(log.count("GenericError") >= 1, "the error is reported: " + lines);
            for (String line : lines) {
                assertFalse(line.contains("qcode") || line.contains("\"h\"") || line.contains("'h'") || line.contains("data"),
                        "typed keys in the log: " + line);
            }
        }
    }

    @Test
    void badAddressesAreRejectedWithAClearMessage() {
        assertThrows(IllegalArgumentException.class, () -> QmpAddress.parse("qmp.sock"));
        assertThrows(IllegalArgumentException.class, () -> QmpAddress.parse("tcp:host"));
        assertEquals("tcp:127.0.0.1:4444", QmpAddress.parse("tcp:127.0.0.1:4444").toString());
        assertEquals(2, org.vfiovnc.cli.Main.run("serve", "--source", "demo:64x64", "--listen", "127.0.0.1:0", "--qmp", "nope"));
    }

    @Test
    void usKeymapCoversShiftedSymbolsAndSpecialKeys() {
        assertEquals("a", QmpKeymap.qcode('A', 0));
        assertEquals("2", QmpKeymap.qcode('@', 0));
        assertEquals("slash", QmpKeymap.qcode('?', 0));
        assertEquals("f12", QmpKeymap.qcode(0xffc9, 0));
        assertEquals("shift", QmpKeymap.qcode(0xffe1, 0));
        assertEquals("delete", QmpKeymap.qcode(0xffff, 0));
        assertEquals("a", QmpKeymap.qcode(0, 0x1e));
        assertEquals(null, QmpKeymap.qcode(0x20ac, 0)); // euro sign: no key on a US keyboard
    }
}
