package org.vfiovnc.encoding;

import java.util.zip.Deflater;

/**
 * One deflate stream that lives as long as a connection (the viewer keeps the matching inflater):
 * each call compresses a block and ends it with a sync flush, so the viewer can decode it at once.
 */
public final class DeflateStream {
    private final Deflater deflater;
    private final byte[] chunk = new byte[64 * 1024];
    private int level;

    public DeflateStream(int level) {
        this.level = level;
        this.deflater = new Deflater(level);
    }

    public int level() {
        return level;
    }

    /** Takes effect from the next block (the stream itself continues). */
    public void setLevel(int level) {
        if (level != this.level) {
            this.level = level;
            deflater.setLevel(level);
        }
    }

    /** Appends the compressed form of {@code src[off, off+len)} to {@code out}; returns the bytes appended. */
    public int compress(byte[] src, int off, int len, OutBuffer out) {
        int start = out.size();
        deflater.setInput(src, off, len);
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.bytes(chunk, 0, n);
        } while (n == chunk.length);
        return out.size() - start;
    }

    /** Discards history so the next block starts a fresh stream (Tight's reset flags). */
    public void reset() {
        deflater.reset();
    }

    public void end() {
        deflater.end();
    }
}
