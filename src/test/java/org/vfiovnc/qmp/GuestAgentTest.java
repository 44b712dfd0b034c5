package org.vfiovnc.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.testing.Qemu;

/** Reboot through the guest agent: a stand-in agent on a unix socket, and a QEMU port with no agent behind it. */
class GuestAgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** How the stand-in agent answers guest-shutdown. */
    private enum Shutdown { TAKEN, REFUSED }

    /**
     * A guest agent stand-in: answers guest-sync after a stale answer from an "earlier client", and
     * guest-shutdown as told (taken: no answer, like qemu-ga; refused: an error). Records what it got.
     */
    private Thread agent(Path socket, Shutdown how, List<String> received) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(() -> {
            try (server; SocketChannel c = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
                OutputStream out = Channels.newOutputStream(c);
                for (String line; (line = in.readLine()) != null; ) {
                    JsonNode m = JSON.readTree(line);
                    received.add(m.toString());
                    if ("guest-sync".equals(m.path("execute").asText())) {
                        out.write(("{\"return\": 4242}\n{\"return\": " + m.path("arguments").path("id").asLong() + "}\n")
                                .getBytes(StandardCharsets.UTF_8));
                    } else if (how == Shutdown.REFUSED) {
                        out.write("{\"error\": {\"class\": \"GenericError\", \"desc\": \"no\"}}\n".getBytes(StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }, "fake-guest-agent");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void rebootIsTakenAfterSyncSkippingStaleAnswers() throws Exception {
        Path sock = tmp.resolve("qga.sock");
        List<String> received = new CopyOnWriteArrayList<>();
        agent(sock, Shutdown.TAKEN, received);
        try (GuestAgent ga = new GuestAgent(QmpAddress.parse("unix:" + sock))) {
            ga.reboot().get(10, TimeUnit.SECONDS);
        }
        assertEquals(2, received.size(), received.toString());
        assertTrue(received.get(0).contains("\"execute\":\"guest-sync\""), received.toString());
        assertEquals("{\"execute\":\"guest-shutdown\",\"arguments\":{\"mode\":\"reboot\"}}", received.get(1));
    }

    @Test
    void aRefusedRebootFailsWithTheErrorClass() throws Exception {
        Path sock = tmp.resolve("qga.sock");
        agent(sock, Shutdown.REFUSED, new CopyOnWriteArrayList<>());
        try (GuestAgent ga = new GuestAgent(QmpAddress.parse("unix:" + sock))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> ga.reboot().get(10, TimeUnit.SECONDS));
            assertEquals("GenericError", assertInstanceOf(QmpException.class, e.getCause()).errorClass());
        }
    }

    @Test
    void aPortWithNoAgentBehindItFailsInTime() throws Exception {
        Path sock = tmp.resolve("qga.sock");
        try (Qemu qemu = Qemu.in(tmp).options("-nodefaults").display("none").qmp()
                .options("-chardev", "socket,path=" + sock + ",server=on,wait=off,id=qga0",
                        "-device", "virtio-serial", "-device", "virtserialport,chardev=qga0,name=org.qemu.guest_agent.0")
                .start();
             GuestAgent ga = new GuestAgent(QmpAddress.parse("unix:" + sock))) {
            long start = System.nanoTime();
            ExecutionException e = assertThrows(ExecutionException.class, () -> ga.reboot().get(20, TimeUnit.SECONDS));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(e.getCause().getMessage().contains("did not answer"), e.getCause().getMessage());
            assertTrue(ms >= GuestAgent.SYNC_MS - 100 && ms < GuestAgent.SYNC_MS + 5000, ms + " ms");
        }
    }
}
