package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.vfiovnc.surface.Rect;

/**
 * Finds a vertical scroll inside a changed area: hashes each row of the area in the new frame and
 * in the shadow (the previous frame), lets rows whose content occurs once in the previous frame
 * vote for an offset, then keeps the longest run of rows that equal the previous frame shifted by
 * the winning offset, checked byte for byte. Text terminals, lists and browsers scroll like this;
 * a CopyRect of the run replaces re-encoding it.
 */
final class ScrollDetector {
    /** Fewer rows than this are not worth a CopyRect. */
    static final int MIN_ROWS = 16;
    private static final int MIN_VOTES = 4;

    private long[] newHash = new long[0];
    private long[] oldHash = new long[0];
    private long[] keys = new long[0];
    private int[] rowsOf = new int[0];
    private boolean[] used = new boolean[0];
    private int[] votes = new int[0];

    /**
     * @param src new frame, rows {@code stride} apart
     * @param shadow previous frame, packed rows of {@code rowBytes}
     * @param area the changed area to search (both ends of the move lie inside it)
     */
    Optional<Move> find(ByteBuffer src, int stride, ByteBuffer shadow, int rowBytes, int bpp, Rect area) {
        int h = area.height();
        if (h < MIN_ROWS * 2) {
            return Optional.empty();
        }
        if (newHash.length < h) {
            newHash = new long[h];
            oldHash = new long[h];
        }
        int len = area.width() * bpp;
        for (int i = 0; i < h; i++) {
            int y = area.y() + i;
            newHash[i] = hash(src, y * stride + area.x() * bpp, len);
            oldHash[i] = hash(shadow, y * rowBytes + area.x() * bpp, len);
        }
        // Row content -> its row in the old frame, or -1 when it is not unique (blank lines,
        // borders): an open-addressing table of primitives, as this runs on every scrolling tick.
        int cap = Integer.highestOneBit(h * 4 - 1) << 1;
        if (keys.length < cap) {
            keys = new long[cap];
            rowsOf = new int[cap];
            used = new boolean[cap];
        } else {
            java.util.Arrays.fill(used, 0, cap, false);
        }
        int mask = cap - 1;
        for (int i = 0; i < h; i++) {
            int slot = slot(oldHash[i], mask);
            while (used[slot] && keys[slot] != oldHash[i]) {
                slot = (slot + 1) & mask;
            }
            if (used[slot]) {
                rowsOf[slot] = -1;
            } else {
                used[slot] = true;
                keys[slot] = oldHash[i];
                rowsOf[slot] = i;
            }
        }
        if (votes.length < 2 * h + 1) {
            votes = new int[2 * h + 1];
        } else {
            java.util.Arrays.fill(votes, 0, 2 * h + 1, 0);
        }
        for (int i = 0; i < h; i++) {
            if (newHash[i] == oldHash[i]) {
                continue;
            }
            int slot = slot(newHash[i], mask);
            while (used[slot] && keys[slot] != newHash[i]) {
                slot = (slot + 1) & mask;
            }
            if (used[slot] && rowsOf[slot] >= 0) {
                votes[i - rowsOf[slot] + h]++;
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
        if (dy == 0) {
            return Optional.empty();
        }
        // Longest run of destination rows i (source row i - dy inside the area) that match exactly.
        int runStart = -1;
        int bestStart = 0;
        int bestLen = 0;
        int from = Math.max(0, dy);
        int to = Math.min(h, h + dy);
        for (int i = from; i <= to; i++) {
            boolean same = i < to && newHash[i] == oldHash[i - dy]
                    && equalRows(src, (area.y() + i) * stride + area.x() * bpp, shadow, (area.y() + i - dy) * rowBytes + area.x() * bpp, len);
            if (same && runStart < 0) {
                runStart = i;
            } else if (!same && runStart >= 0) {
                if (i - runStart > bestLen) {
                    bestLen = i - runStart;
                    bestStart = runStart;
                }
                runStart = -1;
            }
        }
        if (bestLen < MIN_ROWS) {
            return Optional.empty();
        }
        return Optional.of(Move.vertical(new Rect(area.x(), area.y() + bestStart, area.width(), bestLen), dy));
    }

    private static int slot(long hash, int mask) {
        return (int) (hash ^ (hash >>> 32)) * 0x9E3779B9 >>> 1 & mask;
    }

    private static long hash(ByteBuffer b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L;
        int end = off + len;
        int i = off;
        // Every other 8 bytes: half the memory traffic; rows that differ only in skipped bytes
        // share a hash, which at worst loses votes, as runs are checked byte for byte.
        for (; i + 16 <= end; i += 16) {
            h = (h ^ b.getLong(i)) * 0x100000001B3L;
            h ^= h >>> 29;
        }
        for (; i < end; i++) {
            h = (h ^ b.get(i)) * 0x100000001B3L;
        }
        return h;
    }

    private static boolean equalRows(ByteBuffer a, int aOff, ByteBuffer b, int bOff, int len) {
        return a.slice(aOff, len).mismatch(b.slice(bOff, len)) < 0;
    }
}
