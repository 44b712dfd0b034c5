package org.vfiovnc.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.testing.HostProcess;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.transport.RawClient;

/**
 * {@code host} as systemd starts it, without systemd as PID 1: systemd-socket-activate opens the
 * port and starts the host at the first connection, which the host then serves on the inherited
 * socket; a datagram socket stands in for the service manager and receives READY, STATUS,
 * WATCHDOG, RELOADING and STOPPING.
 */
@Timeout(120)
class SystemdServiceTest {
    @TempDir
    Path dir;

    @Test
    void socketActivatedHostServesTheInheritedSocketAndReportsItsState() throws Exception {
        String launcher = Tools.require("systemd-socket-activate", "systemd");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Files.writeString(dir.resolve("pw"), "secret-1\n");
        // listen names the launcher's own port: a host binding it itself would fail with "in use".
        // Display "taken" cannot have its own port: it stays out, alpha serves, and STATUS says why.
        ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        Path config = Files.writeString(dir.resolve("host.yaml"), "listen: 127.0.0.1:" + port + "\ndisplays:\n"
                + "  alpha:\n    source: demo:96x64:paused\n    password-file: " + dir.resolve("pw")
                + "\n    listen: 127.0.0.1:0\n"
                + "  taken: {source: 'demo:96x64:paused', listen: '127.0.0.1:" + taken.getLocalPort() + "'}\n");
        String notify = dir.resolve("notify").toString();
        try (taken; UnixDatagram manager = UnixDatagram.open()) {
            manager.bind(notify);
            try (HostProcess host = HostProcess.start(List.of(launcher, "-l", "127.0.0.1:" + port,
                    "-E", "NOTIFY_SOCKET=" + notify, "-E", "WATCHDOG_USEC=400000"), config, Map.of())) {
                for (int i = 0; i < 100 && !host.fullLog().contains("Listening on 127.0.0.1:" + port); i++) {
                    Thread.sleep(50); // the launcher's own message: its socket is open
                }
                // The first connection starts the host, then waits in the socket's queue until it is served.
                String page = firstGet(port, "/vm/alpha/");
                assertEquals(200, RawClient.status(page), page + host.log());
                assertEquals("listening on 127.0.0.1:" + port, host.awaitLine("listening on ", 30));
                int alphaPort = host.awaitPort("display alpha at /vm/alpha/, own port ", 30);

                String ready = await(manager, "READY=1");
                assertTrue(ready.contains("STATUS=serving 1 display (alpha); not started: taken (cannot start: cannot listen on 127.0.0.1:"
                        + taken.getLocalPort()), ready);
                await(manager, "WATCHDOG=1");
                await(manager, "WATCHDOG=1"); // again: a ping every half interval, not once

                try (RawRfbClient viewer = RawRfbClient.connect(alphaPort).handshakeVncAuth("secret-1")) {
                    Files.writeString(dir.resolve("pw"), "secret-2\n");
                    host.signal("HUP");
                    await(manager, "RELOADING=1");
                    assertTrue(await(manager, "READY=1").contains("STATUS=serving 1 display (alpha); not started: taken"));
                    assertTrue(viewer.closedByServerWithin(5000), "the changed display restarted");
                }
                assertEquals(200, RawClient.status(RawClient.get(port, "/vm/alpha/")), "the shared socket stays");

                host.signal("TERM");
                await(manager, "STOPPING=1");
                assertEquals(0, host.awaitExit(20), host.log());
            }
        }
    }

    /** The unit files in docs/systemd as systemd itself reads them: no unknown key, no bad value. */
    @Test
    void theUnitFilesInTheRepositoryAreValid() throws Exception {
        String analyze = Tools.require("systemd-analyze", "systemd");
        Path units = Tools.projectDir().resolve("docs/systemd");
        Tools.Result r = Tools.run(30, analyze, "verify", "--man=no", units.resolve("vfio-vnc-host.socket").toString(),
                units.resolve("vfio-vnc-host.service").toString());
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("", r.output().strip(), "systemd-analyze has remarks");
        String service = Files.readString(units.resolve("vfio-vnc-host.service"));
        assertTrue(service.contains("\nType=notify\n") && service.contains(" host --config ")
                && service.contains("\nWatchdogSec="), service);
    }

    /** A GET on a port whose server is still starting: waits up to 60 s for the answer. */
    private static String firstGet(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return RawClient.readAll(s.getInputStream());
        }
    }

    /** The next notification starting with {@code prefix}; fails with every other one seen meanwhile. */
    private static String await(UnixDatagram manager, String prefix) throws IOException, InterruptedException {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            String m = manager.receive(500);
            if (m != null) {
                if (m.startsWith(prefix)) {
                    return m;
                }
                seen.add(m);
            }
        }
        fail("no '" + prefix + "' notification within 20 s; got " + seen);
        return null;
    }
}
