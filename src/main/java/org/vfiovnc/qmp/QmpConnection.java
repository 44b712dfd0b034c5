package org.vfiovnc.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One QMP session: the greeting, capabilities negotiation, then commands sent with ids and their
 * answers matched back by id while events are handed on. Answers are read by whoever runs
 * {@link #readLoop} (the {@link QmpClient}'s thread); commands may be sent from any thread.
 */
final class QmpConnection implements AutoCloseable {
    private final JsonStream stream;
    private final AtomicLong ids = new AtomicLong();
    /** Held while a command is registered and written, so the map's order is the order sent. */
    private final Object writeLock = new Object();
    // Commands sent and not yet answered, oldest first; guarded by this.
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private boolean closed;

    private record Pending(String command, CompletableFuture<JsonNode> answer) {}

    private QmpConnection(JsonStream stream) {
        this.stream = stream;
    }

    /** Connects, checks the greeting and leaves capabilities negotiation; throws when QEMU is not there or not QMP. */
    static QmpConnection open(QmpAddress address) throws IOException {
        JsonStream s = new JsonStream(address);
        try {
            JsonNode greeting = s.read();
            if (greeting == null || !greeting.has("QMP")) {
                throw new IOException("no QMP greeting from " + address);
            }
            s.write(Json.command("qmp_capabilities", null, null));
            JsonNode answer;
            do {
                answer = s.read();
                if (answer == null) {
                    throw new IOException("QEMU closed the QMP connection");
                }
            } while (answer.has("event"));
            if (answer.has("error")) {
                throw QmpException.refused("qmp_capabilities", Json.errorClass(answer));
            }
            return new QmpConnection(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Sends {@code command}; the future completes with its {@code return} value or a {@link QmpException}. */
    CompletableFuture<JsonNode> execute(String command, JsonNode arguments) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        long id = ids.incrementAndGet();
        synchronized (writeLock) {
            synchronized (this) {
                if (closed) {
                    answer.completeExceptionally(QmpException.unanswered(command, "not connected"));
                    return answer;
                }
                pending.put(id, new Pending(command, answer));
            }
            try {
                stream.write(Json.command(command, arguments, id));
            } catch (IOException e) {
                synchronized (this) {
                    pending.remove(id);
                }
                answer.completeExceptionally(QmpException.unanswered(command, e.getMessage()));
            }
        }
        return answer;
    }

    /**
     * Reads until the connection ends, completing commands and passing events to {@code events};
     * always ends with an IOException saying why, after failing every command still waiting.
     */
    void readLoop(Consumer<QmpEvent> events) throws IOException {
        try {
            for (JsonNode m = stream.read(); m != null; m = stream.read()) {
                if (m.has("event")) {
                    JsonNode data = m.path("data");
                    events.accept(new QmpEvent(m.path("event").asText(), data.isObject() ? data : Json.object()));
                } else if (m.has("return") || m.has("error")) {
                    answered(m);
                }
                // Anything else is from a newer QEMU than we know: not ours to act on.
            }
            throw new IOException("QEMU closed the QMP connection");
        } finally {
            close();
        }
    }

    private void answered(JsonNode m) {
        Pending p = take(m.get("id"));
        if (p == null) {
            return;
        }
        if (m.has("error")) {
            p.answer().completeExceptionally(QmpException.refused(p.command(), Json.errorClass(m)));
        } else {
            p.answer().complete(m.get("return"));
        }
    }

    /** The command an answer belongs to: by its id, or (an answer without one) the oldest, as QEMU answers in order. */
    private synchronized Pending take(JsonNode id) {
        if (id != null && id.canConvertToLong()) {
            return pending.remove(id.asLong());
        }
        Iterator<Pending> oldest = pending.values().iterator();
        if (!oldest.hasNext()) {
            return null;
        }
        Pending p = oldest.next();
        oldest.remove();
        return p;
    }

    /** Ends the connection; commands still waiting fail. */
    @Override
    public void close() {
        Map<Long, Pending> unanswered;
        synchronized (this) {
            closed = true;
            unanswered = new LinkedHashMap<>(pending);
            pending.clear();
        }
        stream.close();
        for (Pending p : unanswered.values()) {
            p.answer().completeExceptionally(QmpException.unanswered(p.command(), "the QMP connection ended"));
        }
    }
}
