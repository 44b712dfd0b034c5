package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
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
        // Row content -> its row in the old frame, or -1 when it is not unique (blank lines, borders).
        Map<Long, Integer> oldRows = new HashMap<>(h * 2);
        for (int i = 0; i < h; i++) {
            oldRows.merge(oldHash[i], i, (a, b) -> -1);
        }
        Map<Integer, Integer> votes = new HashMap<>();
        for (int i = 0; i < h; i++) {
            Integer j = oldRows.get(newHash[i]);
            if (j != null && j >= 0 && j != i && newHash[i] != oldHash[i]) {
                votes.merge(i - j, 1, Integer::sum);
            }
        }
        int dy = 0;
        int best = MIN_VOTES - 1;
        for (Map.Entry<Integer, Integer> e : votes.entrySet()) {
            if (e.getValue() > best) {
                best = e.getValue();
                dy = e.getKey();
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

    private static long hash(ByteBuffer b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L;
        int end = off + len;
        int i = off;
        for (; i + 8 <= end; i += 8) {
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
