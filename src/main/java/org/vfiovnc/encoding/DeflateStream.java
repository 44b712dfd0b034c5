package org.vfiovnc.encoding;

import java.util.zip.Deflater;

/**
 * One deflate stream that lives as long as a connection (the viewer keeps the matching inflater):
 * each call compresses a block and ends it with a sync flush, so the viewer can decode it at once.
 *
 * <p>Blocks can go to viewers whose inflaters have another history (encode once for many, see
 * {@link Encoder#forgetHistory()}): after a full flush deflate refers to nothing before it, so what
 * follows decodes in any inflater that has read a zlib header and stands at a block boundary (every
 * block here ends with a flush). Only a stream's first block carries the header.
 */
public final class DeflateStream {
    private final Deflater deflater;
    private final byte[] chunk = new byte[64 * 1024];
    private int level;
    /** The zlib header went out (it does with the first block after creation or {@link #reset()}). */
    private boolean started;
    /** The next block starts with a full flush (an empty stored block that forgets the history). */
    private boolean forget;
    /**
     * The level for the next block: set from the viewer's reader thread (SetEncodings), given to the
     * deflater only by the thread that compresses (see {@link #compress}).
     */
    private volatile int wantedLevel;
    private static final byte[] NOTHING = new byte[0];

    public DeflateStream(int level) {
        this.level = level;
        this.wantedLevel = level;
        this.deflater = new Deflater(level);
    }

    /** The level of the next block. */
    public int level() {
        return wantedLevel;
    }

    /** Takes effect from the next block (the stream itself continues). */
    public void setLevel(int level) {
        wantedLevel = level;
    }

    /** Whether the zlib header has gone out: the stream's next blocks carry none. */
    public boolean started() {
        return started;
    }

    /**
     * The next block refers to nothing written before it: it starts with a full flush (5 bytes),
     * unless the stream has not started (then there is nothing to forget).
     */
    public void forgetHistory() {
        forget = started;
    }

    /** Appends the compressed form of {@code src[off, off+len)} to {@code out}; returns the bytes appended. */
    public int compress(byte[] src, int off, int len, OutBuffer out) {
        int start = out.size();
        int wanted = wantedLevel;
        if (wanted != level) {
            level = wanted;
            deflater.setLevel(wanted);
            // Deflater applies a new level in a call of its own, which ignores the flush asked
            // for: given the block's input, it would end the block short of its sync flush and
            // write the rest with the next block, which another viewer may not get. With no input
            // that call writes nothing (the last block ended flushed).
            deflater.setInput(NOTHING);
            drain(Deflater.NO_FLUSH, out);
        }
        if (forget) {
            forget = false;
            // No input yet: deflate writes an empty stored block and clears its match history.
            drain(Deflater.FULL_FLUSH, out);
        }
        deflater.setInput(src, off, len);
        drain(Deflater.SYNC_FLUSH, out);
        started = true;
        return out.size() - start;
    }

    private void drain(int flush, OutBuffer out) {
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, flush);
            out.bytes(chunk, 0, n);
        } while (n == chunk.length);
    }

    /** Discards history so the next block starts a fresh stream with its own header (Tight's reset flags). */
    public void reset() {
        deflater.reset();
        started = false;
        forget = false;
    }

    public void end() {
        deflater.end();
    }
}
