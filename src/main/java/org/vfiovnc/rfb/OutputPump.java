package org.vfiovnc.rfb;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Writes a client's encoded output on its own thread and counts what is not yet sent, so the
 * encoder can stop producing updates while the viewer (or its network) is behind: the session keeps
 * merging damage instead, and memory per client stays bounded by {@link #bound()} plus one update.
 */
final class OutputPump {
    private final OutputStream out;
    private final Runnable drained;
    private final Consumer<String> failed;
    private final long bound;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long backlog;
    private long stalledSince = -1;
    private boolean stopped;
    private final Thread thread;

    /**
     * @param bound   unsent bytes above which the session produces no more updates
     * @param drained called (on the pump thread) when the backlog falls back under the bound
     * @param failed  called with a reason when writing fails
     */
    OutputPump(OutputStream out, long bound, String name, Runnable drained, Consumer<String> failed) {
        this.out = out;
        this.bound = bound;
        this.drained = drained;
        this.failed = failed;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    long bound() {
        return bound;
    }

    /** Queues bytes (copied) for sending; never blocks. */
    synchronized void submit(byte[] data, int off, int len) {
        if (len == 0 || stopped) {
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(data, off, copy, 0, len);
        if (queue.isEmpty()) {
            stalledSince = System.nanoTime();
        }
        queue.add(copy);
        backlog += len;
        notifyAll();
    }

    /** Bytes queued and not yet written to the socket. */
    synchronized long backlog() {
        return backlog;
    }

    /** Whether the encoder should wait before producing another update. */
    synchronized boolean congested() {
        return backlog > bound;
    }

    /** Milliseconds the oldest queued data has been waiting without the queue emptying, 0 when idle. */
    synchronized long behindMs() {
        return queue.isEmpty() ? 0 : (System.nanoTime() - stalledSince) / 1_000_000;
    }

    void stop() {
        synchronized (this) {
            stopped = true;
            queue.clear();
            backlog = 0;
            notifyAll();
        }
    }

    private void run() {
        try {
            while (writeNext()) {
                // One call per message: a loop that stays inside one invocation runs interpreted.
            }
        } catch (IOException e) {
            failed.accept("write failed: " + e.getMessage());
        } catch (InterruptedException e) {
            failed.accept("interrupted");
        }
    }

    /** Waits for the next message and writes it; false once stopped. */
    private boolean writeNext() throws IOException, InterruptedException {
        byte[] next;
        synchronized (this) {
            while (!stopped && queue.isEmpty()) {
                wait();
            }
            if (stopped) {
                return false;
            }
            next = queue.peek();
        }
        out.write(next);
        out.flush();
        boolean wake;
        synchronized (this) {
            if (stopped) {
                return false;
            }
            queue.poll();
            long before = backlog;
            backlog -= next.length;
            stalledSince = System.nanoTime();
            wake = before > bound && backlog <= bound;
        }
        if (wake) {
            drained.run();
        }
        return true;
    }
}
