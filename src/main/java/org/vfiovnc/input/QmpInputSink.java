package org.vfiovnc.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends viewer input to a QEMU guest through its QMP monitor ({@code input-send-event}): keys as
 * qcodes, the pointer as absolute axes scaled to 0..32767 of the screen (a virtio or USB tablet
 * in the guest), buttons and wheel as button presses. Viewer threads only enqueue: a bounded queue
 * drops input rather than block a reader when QEMU is slow or gone. One writer thread connects,
 * negotiates capabilities and reconnects with backoff; input made while disconnected is dropped
 * (replaying stale keystrokes into a guest later would be worse).
 */
public final class QmpInputSink implements InputSink {
    private static final Logger LOG = Logger.getLogger(QmpInputSink.class.getName());
    private static final int QUEUE = 1024;
    private static final int ABS_MAX = 32767;
    private static final String[] BUTTONS = {"left", "middle", "right", "wheel-up", "wheel-down",
        "wheel-left", "wheel-right", "side", "extra"};
    /** Refused commands are reported at most this often. */
    private static final long REFUSAL_LOG_INTERVAL_MS = 10_000;
    private static final Pattern ERROR_CLASS = Pattern.compile("\"class\"\\s*:\\s*\"([A-Za-z]{1,64})\"");

    private final QmpAddress address;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread writer;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile SocketChannel channel;
    // Refusals since the last report; touched by the writer thread only.
    private long refusedSinceLog;
    private long lastRefusalLogMs = Long.MIN_VALUE / 2;
    // Pointer state of the last event, to send only what changed (viewers repeat positions).
    private int lastX = -1;
    private int lastY = -1;
    private int lastButtons;

    public QmpInputSink(QmpAddress address) {
        this.address = address;
        this.writer = new Thread(this::run, "qmp-input " + address);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public boolean isConnected() {
        return connected;
    }

    /** input-send-event commands QEMU acknowledged. */
    public long commandsSent() {
        return sent.get();
    }

    @Override
    public void key(boolean down, int keysym, int scancode) {
        String qcode = QmpKeymap.qcode(keysym, scancode);
        String key;
        if (qcode != null) {
            key = "{\"type\":\"qcode\",\"data\":\"" + qcode + "\"}";
        } else if (scancode != 0) {
            key = "{\"type\":\"number\",\"data\":" + scancode + "}";
        } else {
            LOG.fine(() -> String.format("no US key for keysym 0x%x: dropped", keysym));
            return;
        }
        enqueue("{\"type\":\"key\",\"data\":{\"down\":" + down + ",\"key\":" + key + "}}");
    }

    @Override
    public synchronized void pointer(int x, int y, int buttonMask, int width, int height) {
        List<String> events = new ArrayList<>(4);
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
                events.add(button(BUTTONS[b], (buttonMask & 1 << b) != 0));
            }
        }
        lastButtons = buttonMask;
        if (!events.isEmpty()) {
            enqueue(String.join(",", events));
        }
    }

    private static String abs(String axis, int v, int size) {
        long scaled = size <= 1 ? 0 : (long) Math.max(0, Math.min(v, size - 1)) * ABS_MAX / (size - 1);
        return "{\"type\":\"abs\",\"data\":{\"axis\":\"" + axis + "\",\"value\":" + scaled + "}}";
    }

    private static String button(String name, boolean down) {
        return "{\"type\":\"btn\",\"data\":{\"down\":" + down + ",\"button\":\"" + name + "\"}}";
    }

    private void enqueue(String events) {
        if (!connected || !queue.offer(events)) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warning("QMP " + address + (connected ? " is slow" : " is not connected")
                        + ": input dropped (" + n + " events so far)");
            }
        }
    }

    private void run() {
        long backoffMs = 250;
        String lastError = null;
        while (running) {
            try (SocketChannel ch = address.connect()) {
                channel = ch;
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
                OutputStream out = Channels.newOutputStream(ch);
                String greeting = in.readLine();
                if (greeting == null || !greeting.contains("\"QMP\"")) {
                    throw new IOException("no QMP greeting from " + address + " (got " + greeting + ")");
                }
                String refused = command(in, out, "{\"execute\":\"qmp_capabilities\"}");
                if (refused != null) {
                    throw new IOException("QMP refused qmp_capabilities: " + refused);
                }
                LOG.info("QMP input connected to " + address);
                connected = true;
                backoffMs = 250;
                lastError = null;
                pump(in, out);
            } catch (IOException e) {
                String msg = e.getMessage() != null ? e.getMessage() : e.toString();
                if (running && !msg.equals(lastError)) {
                    LOG.warning("QMP " + address + ": " + msg + "; reconnecting with backoff");
                    lastError = msg;
                }
            } catch (InterruptedException e) {
                break;
            } finally {
                connected = false;
                queue.clear();
            }
            if (!running) {
                break;
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                break;
            }
            backoffMs = Math.min(backoffMs * 2, 5000);
        }
    }

    /** Sends queued input, batching what piled up into one command. */
    private void pump(BufferedReader in, OutputStream out) throws IOException, InterruptedException {
        List<String> batch = new ArrayList<>();
        while (running) {
            String first = queue.poll(1000, TimeUnit.MILLISECONDS);
            if (first == null) {
                // Idle: a cheap query notices a QEMU that went away before input is lost to it.
                String refused = command(in, out, "{\"execute\":\"query-status\"}");
                if (refused != null) {
                    reportRefusal("query-status", refused);
                }
                continue;
            }
            batch.clear();
            batch.add(first);
            queue.drainTo(batch, 63);
            String refused = command(in, out, "{\"execute\":\"input-send-event\",\"arguments\":{\"events\":["
                    + String.join(",", batch) + "]}}");
            if (refused != null) {
                reportRefusal("input-send-event", refused);
            } else {
                sent.incrementAndGet();
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
            LOG.warning("QMP " + address + " refused " + refusedSinceLog + " command(s) since the last report, latest "
                    + command + ": " + errorClass);
            lastRefusalLogMs = now;
            refusedSinceLog = 0;
        }
    }

    /**
     * Writes one command and waits for its reply, skipping asynchronous events; returns null when
     * QEMU accepted it, else QEMU's error class (never its description, which may quote the command).
     */
    private static String command(BufferedReader in, OutputStream out, String json) throws IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("QEMU closed the QMP connection");
            }
            if (line.contains("\"return\"")) {
                return null;
            }
            if (line.contains("\"error\"")) {
                Matcher m = ERROR_CLASS.matcher(line);
                return m.find() ? m.group(1) : "an error";
            }
            // {"event": ...} lines are asynchronous notifications: not our reply.
        }
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        SocketChannel ch = channel;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
