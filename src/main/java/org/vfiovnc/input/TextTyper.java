package org.vfiovnc.input;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Types text into the guest as key events through an {@link InputSink}: each character becomes a
 * press and release of its US key, between a press and release of Shift where it needs one (see
 * {@link UsLayout}); newline is Return, tab is Tab, and characters without a key are skipped and
 * counted. One thread of its own sends the events at a steady pace, so a viewer's reader never
 * waits and the guest's input queue (QEMU drops a burst that does not fit) keeps up. Text waiting
 * to be typed is bounded; more is refused. Neither the text nor its characters are ever logged.
 */
public final class TextTyper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TextTyper.class.getName());
    /** Between two key events: about 25 to 50 characters a second, which a guest under TCG keeps up with. */
    public static final long DEFAULT_EVENT_INTERVAL_MS = 10;

    private final InputSink sink;
    private final long intervalMs;
    private final int maxPendingChars;
    private final BlockingQueue<String> texts = new ArrayBlockingQueue<>(64);
    private final AtomicInteger pendingChars = new AtomicInteger();
    private final AtomicLong typed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param intervalMs      pause after each key event
     * @param maxPendingChars characters accepted but not typed yet beyond which more text is refused
     */
    public TextTyper(InputSink sink, long intervalMs, int maxPendingChars) {
        this.sink = sink;
        this.intervalMs = intervalMs;
        this.maxPendingChars = maxPendingChars;
        this.thread = new Thread(this::run, "paste-typer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code text} to be typed after what is queued; false (nothing queued) when too much waits. */
    public boolean type(String text) {
        if (closed || text.isEmpty()) {
            return false;
        }
        int n = text.length();
        if (pendingChars.addAndGet(n) > maxPendingChars || !texts.offer(text)) {
            pendingChars.addAndGet(-n);
            LOG.warning("paste as keys: " + n + " characters refused, " + pendingChars.get() + " still to type");
            return false;
        }
        return true;
    }

    /** Characters typed so far. */
    public long typed() {
        return typed.get();
    }

    /** Characters skipped so far because a US keyboard has no key for them. */
    public long skipped() {
        return skipped.get();
    }

    /** Whether nothing waits to be typed. */
    public boolean idle() {
        return pendingChars.get() == 0;
    }

    private void run() {
        try {
            while (!closed) {
                String text = texts.take();
                long typedBefore = typed.get();
                long skippedBefore = skipped.get();
                typeAll(text.replace("\r\n", "\n").replace('\r', '\n'));
                pendingChars.addAndGet(-text.length());
                long s = skipped.get() - skippedBefore;
                LOG.info("paste as keys: typed " + (typed.get() - typedBefore) + " characters"
                        + (s > 0 ? " (" + s + " skipped: no key on a US keyboard)" : ""));
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void typeAll(String text) throws InterruptedException {
        for (int i = 0; i < text.length() && !closed; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            UsLayout.Keystroke k = UsLayout.keystroke(cp);
            if (k == null) {
                skipped.incrementAndGet();
                continue;
            }
            typeKey(k);
            typed.incrementAndGet();
        }
    }

    /** Shift (when needed) down, key down, key up, Shift up, a pause after each. */
    private void typeKey(UsLayout.Keystroke k) throws InterruptedException {
        boolean shiftDown = false;
        boolean keyDown = false;
        try {
            if (k.shift()) {
                shiftDown = true;
                press(UsLayout.SHIFT_L, true);
            }
            keyDown = true;
            press(k.keysym(), true);
            keyDown = false;
            press(k.keysym(), false);
            if (shiftDown) {
                shiftDown = false;
                press(UsLayout.SHIFT_L, false);
            }
        } finally {
            // Closed mid-character: keys left down would garble the user's own typing.
            if (keyDown) {
                sink.key(false, k.keysym(), 0);
            }
            if (shiftDown) {
                sink.key(false, UsLayout.SHIFT_L, 0);
            }
        }
    }

    private void press(int keysym, boolean down) throws InterruptedException {
        sink.key(down, keysym, 0);
        Thread.sleep(intervalMs);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
