package org.vfiovnc.rfb;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A viewer's input that notes when bytes last arrived, so the idle timeout can be kept by the
 * server's watchdog instead of by a read timeout. Reads then block with no timeout, which keeps
 * each one a single system call (see {@code TcpConnection}).
 */
final class ReceiveClock extends FilterInputStream {
    /** {@link System#nanoTime()} when bytes last came in (or when this was made). */
    private volatile long receivedAt = System.nanoTime();

    ReceiveClock(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            receivedAt = System.nanoTime();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            receivedAt = System.nanoTime();
        }
        return n;
    }

    /** How long nothing has come in, at {@code now}. */
    long silentMs(long now) {
        return Math.max(0, (now - receivedAt) / 1_000_000);
    }
}
