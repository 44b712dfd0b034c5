package org.vfiovnc.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.testing.Qemu;

/** The QMP client against a real QEMU (no guest: SeaBIOS idles), with a second monitor watching events. */
class QmpClientTest {
    @TempDir
    Path tmp;

    static void awaitConnected(QmpClient c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(c.isConnected(), "QMP never connected to " + c.address());
    }

    /** Event names heard by a client, in order. */
    static BlockingQueue<String> events(QmpClient c) {
        BlockingQueue<String> names = new LinkedBlockingQueue<>();
        c.addListener(new QmpListener() {
            @Override
            public void event(QmpEvent e) {
                names.add(e.name());
            }
        });
        return names;
    }

    static void awaitEvent(BlockingQueue<String> events, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String e = events.poll(100, TimeUnit.MILLISECONDS);
            if (name.equals(e)) {
                return;
            }
            if (e != null) {
                seen.add(e);
            }
        }
        throw new AssertionError("no " + name + " event; saw " + seen);
    }

    @Test
    void commandsAnswersRefusalsAndEventsOnTwoMonitors() throws Exception {
        Path events = tmp.resolve("events.sock");
        try (Qemu qemu = Qemu.in(tmp).options("-nodefaults", "-name", "qmp-test").display("none").qmp()
                .options("-qmp", "unix:" + events + ",server=on,wait=off").start();
             QmpClient client = new QmpClient(QmpAddress.parse("unix:" + qemu.qmpSocket()));
             QmpClient watcher = new QmpClient(QmpAddress.parse("unix:" + events))) {
            BlockingQueue<String> own = events(client);
            BlockingQueue<String> watched = events(watcher);
            awaitConnected(client);
            awaitConnected(watcher);

            // Many commands in flight at once, from many threads: each answer reaches its own command.
            List<CompletableFuture<JsonNode>> status = new ArrayList<>();
            List<CompletableFuture<JsonNode>> name = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 25; i++) {
                        CompletableFuture<JsonNode> s = client.execute("query-status");
                        CompletableFuture<JsonNode> n = client.execute("query-name");
                        synchronized (status) {
                            status.add(s);
                            name.add(n);
                        }
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
            for (CompletableFuture<JsonNode> s : status) {
                assertTrue(s.get(10, TimeUnit.SECONDS).has("running"), s.get().toString());
            }
            for (CompletableFuture<JsonNode> n : name) {
                assertEquals("qmp-test", n.get(10, TimeUnit.SECONDS).path("name").asText());
            }

            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> client.execute("no-such-command").get(10, TimeUnit.SECONDS));
            QmpException q = assertInstanceOf(QmpException.class, refused.getCause());
            assertEquals("CommandNotFound", q.errorClass());
            assertFalse(q.getMessage().contains("desc"), q.getMessage());

            // A command on one monitor, its event on both.
            client.execute("system_reset").get(10, TimeUnit.SECONDS);
            awaitEvent(own, "RESET");
            awaitEvent(watched, "RESET");
            client.execute("system_powerdown").get(10, TimeUnit.SECONDS);
            awaitEvent(watched, "POWERDOWN");
        }
    }

    @Test
    void theConnectionLastsUntilItsLastHolderLetsGo() throws Exception {
        try (Qemu qemu = Qemu.in(tmp).options("-nodefaults").display("none").qmp().start()) {
            QmpClient first = new QmpClient(QmpAddress.parse("unix:" + qemu.qmpSocket()));
            QmpClient second = first.share();
            awaitConnected(first);
            first.close();
            assertTrue(second.isConnected(), "closed while a holder remains");
            assertTrue(second.execute("query-status").get(10, TimeUnit.SECONDS).has("status"));
            second.close();
            assertFalse(second.isConnected());
            ExecutionException e = assertThrows(ExecutionException.class, () -> second.execute("query-status").get());
            assertInstanceOf(QmpException.class, e.getCause());
            assertThrows(IllegalStateException.class, second::share);
        }
    }

    @Test
    void commandsFailAtOnceWhileQemuIsAway() throws Exception {
        try (QmpClient c = new QmpClient(QmpAddress.parse("unix:" + tmp.resolve("nobody.sock")))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> c.execute("system_reset").get(1, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("not connected"), e.getCause().getMessage());
        }
    }
}
