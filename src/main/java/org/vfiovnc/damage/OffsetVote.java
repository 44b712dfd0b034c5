package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.vfiovnc.surface.Rect;

/**
 * Guesses how far an area scrolled: each column's rows are hashed in the new frame and in the
 * {@link Shadow} (the previous frame), and rows whose content occurs once in their column of the
 * previous frame vote for the offset that brings them there. Columns vote together, so a column
 * whose rows repeat (the same words on every line of a terminal) still moves with the columns that
 * do not. The guess is only a candidate: {@link ScrollCheck} verifies it byte for byte.
 *
 * <p>Not thread-safe: its detector owns it. The tables are kept from vote to vote.
 */
final class OffsetVote {
    private static final int MIN_VOTES = 4;

    private final Shadow shadow;
    private long count;
    private long[] newHash = new long[0];
    private long[] oldHash = new long[0];
    private long[] keys = new long[0];
    private int[] rowsOf = new int[0];
    private boolean[] used = new boolean[0];
    private int[] votes = new int[0];

    OffsetVote(Shadow shadow) {
        this.shadow = shadow;
    }

    /** Votes taken so far (each hashes every row of its area twice): statistics for tests. */
    long count() {
        return count;
    }

    /** The offset most unique rows of {@code area} agree on (0 when none has {@link #MIN_VOTES}). */
    int vote(ByteBuffer src, int stride, Rect area, TileColumns cols) {
        count++;
        int bpp = shadow.bpp;
        int h = area.height();
        int cells = h * cols.count;
        if (newHash.length < cells) {
            newHash = new long[cells];
            oldHash = new long[cells];
        }
        for (int i = 0; i < h; i++) {
            int y = area.y() + i;
            for (int c = 0; c < cols.count; c++) {
                int len = cols.width(c) * bpp;
                newHash[c * h + i] = shadow.sourceHash(src, y * stride + cols.x[c] * bpp, len);
                oldHash[c * h + i] = shadow.hash(shadow.offset(cols.x[c], y), len);
            }
        }
        if (votes.length < 2 * h + 1) {
            votes = new int[2 * h + 1];
        } else {
            Arrays.fill(votes, 0, 2 * h + 1, 0);
        }
        // Per column: row content -> its row in the old frame, or -1 when it is not unique (blank
        // lines, repeated words). An open-addressing table of primitives, reused per column.
        int cap = Integer.highestOneBit(h * 4 - 1) << 1;
        if (keys.length < cap) {
            keys = new long[cap];
            rowsOf = new int[cap];
            used = new boolean[cap];
        }
        int mask = cap - 1;
        for (int c = 0; c < cols.count; c++) {
            Arrays.fill(used, 0, cap, false);
            int base = c * h;
            for (int i = 0; i < h; i++) {
                long k = oldHash[base + i];
                int slot = slot(k, mask);
                while (used[slot] && keys[slot] != k) {
                    slot = (slot + 1) & mask;
                }
                if (used[slot]) {
                    rowsOf[slot] = -1;
                } else {
                    used[slot] = true;
                    keys[slot] = k;
                    rowsOf[slot] = i;
                }
            }
            for (int i = 0; i < h; i++) {
                long k = newHash[base + i];
                if (k == oldHash[base + i]) {
                    continue;
                }
                int slot = slot(k, mask);
                while (used[slot] && keys[slot] != k) {
                    slot = (slot + 1) & mask;
                }
                if (used[slot] && rowsOf[slot] >= 0) {
                    votes[i - rowsOf[slot] + h]++;
                }
            }
        }
        int dy = 0;
        int best = MIN_VOTES - 1;
        for (int k = 0; k < 2 * h + 1; k++) {
            if (votes[k] > best && k != h) {
                best = votes[k];
                dy = k - h;
            }
        }
        return dy;
    }

    private static int slot(long hash, int mask) {
        return (int) (hash ^ (hash >>> 32)) * 0x9E3779B9 >>> 1 & mask;
    }
}
