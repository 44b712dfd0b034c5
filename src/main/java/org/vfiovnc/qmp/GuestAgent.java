package org.vfiovnc.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * QEMU's guest agent (qemu-ga in the guest, reached through the chardev socket of its
 * virtio-serial port), for what only the guest can do: a clean reboot. The agent sends no greeting
 * and the port may hold a stale answer from an earlier client, so every request connects, sends
 * {@code guest-sync} with a fresh id and skips everything up to that id's answer. Requests run one
 * at a time on the agent's own thread (the socket takes one client at a time).
 */
public final class GuestAgent implements AutoCloseable {
    /** How long the agent has to answer guest-sync: without an agent running in the guest, nothing ever answers. */
    static final long SYNC_MS = 5000;
    /** guest-shutdown answers only when it fails; this long without an answer means it was taken. */
    static final long REFUSAL_MS = 1500;

    private final QmpAddress address;
    private final ExecutorService worker;
    private final ScheduledExecutorService timer;

    public GuestAgent(QmpAddress address) {
        this.address = address;
        this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, "guest-agent " + address));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "guest-agent-timer " + address));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public QmpAddress address() {
        return address;
    }

    /** Asks the guest to reboot ({@code guest-shutdown}, mode reboot); completes when the agent took it, or with why not. */
    public CompletableFuture<Void> reboot() {
        return CompletableFuture.runAsync(() -> {
            try {
                shutdown("reboot");
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, worker);
    }

    private void shutdown(String mode) throws IOException {
        try (JsonStream s = new JsonStream(address)) {
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> deadline = closeAfter(s, SYNC_MS, timedOut);
            try {
                sync(s);
            } catch (IOException e) {
                throw timedOut.get() ? new IOException("the guest agent on " + address + " did not answer within "
                        + SYNC_MS + " ms (is qemu-guest-agent running in the guest?)") : e;
            } finally {
                deadline.cancel(false);
            }
            s.write(Json.command("guest-shutdown", Json.object().put("mode", mode), null));
            deadline = closeAfter(s, REFUSAL_MS, timedOut);
            try {
                JsonNode answer = s.read();
                if (answer != null && answer.has("error")) {
                    throw QmpException.refused("guest-shutdown", Json.errorClass(answer));
                }
            } catch (QmpException e) {
                throw e;
            } catch (IOException e) {
                // Closed by our deadline, or by the agent as the guest goes down: either way it was taken.
            } finally {
                deadline.cancel(false);
            }
        }
    }

    /** guest-sync with a fresh id; returns once the agent answered that id. */
    private static void sync(JsonStream s) throws IOException {
        long id = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
        s.write(Json.command("guest-sync", Json.object().put("id", id), null));
        while (true) {
            JsonNode answer = s.read();
            if (answer == null) {
                throw new IOException("the guest agent closed the connection");
            }
            if (answer.path("return").asLong(-1) == id) {
                return;
            }
            // An answer meant for an earlier client of the port: skipped.
        }
    }

    private ScheduledFuture<?> closeAfter(JsonStream s, long ms, AtomicBoolean timedOut) {
        return timer.schedule(() -> {
            timedOut.set(true);
            s.close();
        }, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        timer.shutdownNow();
    }
}
