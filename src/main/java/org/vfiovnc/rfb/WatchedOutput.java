package org.vfiovnc.rfb;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A viewer's output, written on its sender thread. A write blocks while the viewer (or its
 * network) is behind, and that is the back-pressure: the sender produces nothing meanwhile and the
 * session's damage merges, so nothing queues in the server beyond the one update in flight. What
 * a blocked write cannot do is notice that it never ends; a watchdog asks {@link #stalledMs}.
 */
final class WatchedOutput {
    /**
     * Bytes handed down at a time. Each piece taken counts as progress, so a viewer on a slow link
     * that takes a large update over many seconds is not mistaken for one that stopped reading.
     */
    static final int PIECE = 256 * 1024;

    private final OutputStream out;
    /** {@link System#nanoTime()} when the write in progress last moved; 0 while none is in progress. */
    private volatile long movedAt;
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
        movedAt = System.nanoTime() | 1; // never 0, which means idle
        try {
            for (int done = 0; done < len; ) {
                int n = Math.min(PIECE, len - done);
                out.write(data, off + done, n);
                done += n;
                movedAt = System.nanoTime() | 1;
            }
            out.flush();
        } finally {
            movedAt = 0;
        }
    }

    /** How long the write in progress has not moved at {@code now}; 0 when none is in progress. */
    long stalledMs(long now) {
        long t = movedAt;
        return t == 0 ? 0 : Math.max(0, (now - t) / 1_000_000);
    }

    /** Size of the write in progress (or the last one). */
    int length() {
        return length;
    }
}
