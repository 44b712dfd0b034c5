package org.vfiovnc.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.vfiovnc.qmp.QmpAddress;
import org.vfiovnc.qmp.QmpClient;
import org.vfiovnc.qmp.QmpException;
import org.vfiovnc.qmp.QmpListener;

/**
 * Sends viewer input to a QEMU guest through its QMP monitor ({@code input-send-event}): keys as
 * qcodes, the pointer as absolute axes scaled to 0..32767 of the screen (a virtio or USB tablet
 * in the guest), buttons and wheel as button presses. Viewer threads only enqueue: a bounded queue
 * drops input rather than block a reader when QEMU is slow or gone. One writer thread sends what
 * piled up as one command and waits for QEMU's answer before the next. Input made while the
 * {@link QmpClient} is disconnected is dropped, and so is input queued when it disconnects
 * (replaying stale keystrokes into a guest later would be worse).
 */
public final class QmpInputSink implements InputSink {
    private static final Logger LOG = Logger.getLogger(QmpInputSink.class.getName());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int QUEUE = 1024;
    private static final int BATCH = 64;
    private static final int ABS_MAX = 32767;
    private static final String[] BUTTONS = {"left", "middle", "right", "wheel-up", "wheel-down",
        "wheel-left", "wheel-right", "side", "extra"};
    /** Refused commands are reported at most this often. */
    private static final long REFUSAL_LOG_INTERVAL_MS = 10_000;

    private final QmpClient qmp;
    /** Each entry: the input events of one viewer call, in order. */
    private final BlockingQueue<List<ObjectNode>> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread writer;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final QmpListener forgetOnDisconnect = new QmpListener() {
        @Override
        public void disconnected() {
            queue.clear();
        }
    };
    private volatile boolean running = true;
    // Refusals since the last report; touched by the writer thread only.
    private long refusedSinceLog;
    private long lastRefusalLogMs = Long.MIN_VALUE / 2;
    // Pointer state of the last event, to send only what changed (viewers repeat positions).
    private int lastX = -1;
    private int lastY = -1;
    private int lastButtons;

    /** Input through a QMP client of its own for {@code address}. */
    public QmpInputSink(QmpAddress address) {
        this(new QmpClient(address));
    }

    /** Input through {@code qmp}: takes that share of the client and closes it with this sink. */
    public QmpInputSink(QmpClient qmp) {
        this.qmp = qmp;
        qmp.addListener(forgetOnDisconnect);
        this.writer = new Thread(this::pump, "qmp-input " + qmp.address());
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public boolean isConnected() {
        return qmp.isConnected();
    }

    /** input-send-event commands QEMU acknowledged. */
    public long commandsSent() {
        return sent.get();
    }

    @Override
    public void key(boolean down, int keysym, int scancode) {
        String qcode = QmpKeymap.qcode(keysym, scancode);
        ObjectNode key = NODES.objectNode();
        if (qcode != null) {
            key.put("type", "qcode").put("data", qcode);
        } else if (scancode != 0) {
            key.put("type", "number").put("data", scancode);
        } else {
            LOG.fine(() -> String.format("no US key for keysym 0x%x: dropped", keysym));
            return;
        }
        ObjectNode data = NODES.objectNode().put("down", down);
        data.set("key", key);
        enqueue(List.of(event("key", data)));
    }

    @Override
    public synchronized void pointer(int x, int y, int buttonMask, int width, int height) {
        List<ObjectNode> events = new ArrayList<>(4);
        if (x != lastX) {
            events.add(abs("x", x, width));
            lastX = x;
        }
        if (y != lastY) {
            events.add(abs("y", y, height));
            lastY = y;
        }
        int changed = buttonMask ^ lastButtons;
        for (int b = 0; b < BUTTONS.length; b++) {
            if ((changed & 1 << b) != 0) {
                events.add(event("btn", NODES.objectNode().put("down", (buttonMask & 1 << b) != 0).put("button", BUTTONS[b])));
            }
        }
        lastButtons = buttonMask;
        if (!events.isEmpty()) {
            enqueue(events);
        }
    }

    private static ObjectNode abs(String axis, int v, int size) {
        long scaled = size <= 1 ? 0 : (long) Math.max(0, Math.min(v, size - 1)) * ABS_MAX / (size - 1);
        return event("abs", NODES.objectNode().put("axis", axis).put("value", scaled));
    }

    /** One InputEvent of QMP's input-send-event: {@code {"type": ..., "data": {...}}}. */
    private static ObjectNode event(String type, ObjectNode data) {
        ObjectNode e = NODES.objectNode().put("type", type);
        e.set("data", data);
        return e;
    }

    private void enqueue(List<ObjectNode> events) {
        boolean connected = qmp.isConnected();
        if (!connected || !queue.offer(events)) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warning("QMP " + qmp.address() + (connected ? " is slow" : " is not connected")
                        + ": input dropped (" + n + " events so far)");
            }
        }
    }

    /** Sends queued input, batching what piled up into one command, one command at a time. */
    private void pump() {
        List<List<ObjectNode>> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                batch.clear();
                batch.add(queue.take());
                queue.drainTo(batch, BATCH - 1);
                ArrayNode events = NODES.arrayNode();
                batch.forEach(events::addAll);
                JsonNode arguments = NODES.objectNode().set("events", events);
                qmp.execute("input-send-event", arguments).get();
                sent.incrementAndGet();
            } catch (InterruptedException e) {
                break;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof QmpException q && q.errorClass() != null) {
                    reportRefusal("input-send-event", q.errorClass());
                }
                // Not answered (QEMU went away): the client reconnects and says so in the log.
            }
        }
    }

    /**
     * A refused command, in the log at most once per {@link #REFUSAL_LOG_INTERVAL_MS} with a count.
     * Only the command's name and QEMU's error class: the command and QEMU's description of the
     * error may quote the keys a viewer typed (a password, say).
     */
    private void reportRefusal(String command, String errorClass) {
        refusedSinceLog++;
        long now = System.currentTimeMillis();
        if (now - lastRefusalLogMs >= REFUSAL_LOG_INTERVAL_MS) {
            LOG.warning("QMP " + qmp.address() + " refused " + refusedSinceLog + " command(s) since the last report, latest "
                    + command + ": " + errorClass);
            lastRefusalLogMs = now;
            refusedSinceLog = 0;
        }
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        qmp.removeListener(forgetOnDisconnect);
        qmp.close();
    }
}
