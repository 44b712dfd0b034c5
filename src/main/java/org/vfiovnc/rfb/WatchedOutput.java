package org.vfiovnc.rfb;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A viewer's output, written on its sender thread. A write blocks while the viewer (or its
 * network) is behind, and that is the back-pressure: the sender produces nothing meanwhile and the
 * session's damage merges, so nothing queues in the server beyond the one update in flight. What
 * a blocked write cannot do is notice that it never ends; a watchdog asks {@link #blockedMs}.
 */
final class WatchedOutput {
    private final OutputStream out;
    /** {@link System#nanoTime()} when the write in progress began; 0 while none is. */
    private volatile long startedAt;
    private volatile int length;

    WatchedOutput(OutputStream out) {
        this.out = out;
    }

    /** Writes and flushes one batch of messages; only the sender thread calls this. */
    void write(byte[] data, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        length = len;
        startedAt = System.nanoTime() | 1; // never 0, which means idle
        try {
            out.write(data, off, len);
            out.flush();
        } finally {
            startedAt = 0;
        }
    }

    /** How long the write in progress has been running at {@code now}; 0 when none is. */
    long blockedMs(long now) {
        long t = startedAt;
        return t == 0 ? 0 : Math.max(0, (now - t) / 1_000_000);
    }

    /** Size of the write in progress (or the last one). */
    int length() {
        return length;
    }
}
