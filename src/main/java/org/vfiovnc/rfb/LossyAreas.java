package org.vfiovnc.rfb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vfiovnc.damage.Region;
import org.vfiovnc.surface.Rect;

/**
 * Where a viewer was last sent lossy (JPEG) pixels, and since when each part of the screen has been
 * still. The clock is kept per tile, so a tile whose lossy pixels rest for the quiet time is due to
 * be sent again lossless whatever moves elsewhere: the resting parts of a busy screen (a clock, a
 * video, a progress bar somewhere) end up exact. Not thread-safe: the session guards it with its lock.
 */
final class LossyAreas {
    /** Clock granularity: the differ's tile size, so one changed tile postpones only its own refresh. */
    static final int TILE = 64;
    /** The clock of a tile never stamped (inside a region that merged into its bounds): long ago, so due. */
    private static final long LONG_AGO = Long.MIN_VALUE / 2;

    private final Region lossy = new Region();
    private final long quietNanos;
    /** When each tile (row-major, {@link #cols} wide) last changed or was last sent lossy. */
    private long[] changedAt = new long[0];
    private int cols;
    private int rows;

    LossyAreas(long quietMillis) {
        this.quietNanos = quietMillis * 1_000_000;
    }

    /** {@code rects} went out lossy at {@code now}: they are inexact from here, and their clock restarts. */
    void sentLossy(List<Rect> rects, long now) {
        for (Rect r : rects) {
            lossy.add(r);
            stamp(r, now);
        }
    }

    /** {@code rects} went out lossless: whatever was lossy there is exact now. */
    void sentLossless(List<Rect> rects) {
        if (lossy.isEmpty()) {
            return;
        }
        for (Rect r : rects) {
            lossy.subtract(r);
        }
    }

    /** New damage restarts the clock of the lossy tiles it touches (they will be sent again anyway). */
    void damaged(Region damage, long now) {
        if (lossy.isEmpty()) {
            return;
        }
        Rect b = lossy.bounds();
        for (Rect r : damage.rects()) {
            Rect inside = r.intersect(b);
            if (!inside.isEmpty()) {
                stamp(inside, now);
            }
        }
    }

    boolean isEmpty() {
        return lossy.isEmpty();
    }

    /** Whether some lossy pixels lie inside {@code r}. */
    boolean touches(Rect r) {
        for (Rect l : lossy.rects()) {
            if (l.intersects(r)) {
                return true;
            }
        }
        return false;
    }

    /** Nanoseconds until the first lossy tile is due (0 = due now), or Long.MAX_VALUE with nothing lossy. */
    long nanosUntilDue(long now) {
        long first = Long.MAX_VALUE;
        for (Rect l : lossy.rects()) {
            for (int t : tilesOf(l)) {
                first = Math.min(first, changedAt[t]);
            }
        }
        return first == Long.MAX_VALUE ? first : Math.max(0, first + quietNanos - now);
    }

    /** Whether some lossy tile inside {@code area} is due now. */
    boolean dueIn(Rect area, long now) {
        for (Rect l : lossy.rects()) {
            Rect inside = l.intersect(area);
            if (!inside.isEmpty()) {
                for (int t : tilesOf(inside)) {
                    if (now - changedAt[t] >= quietNanos) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Takes the lossy pixels of the due tiles inside {@code area} for a lossless refresh, the
     * longest-resting tiles first, up to about {@code maxPixels} (a refresh shares the update with
     * live changes and must not crowd them out; what is left stays due for the next update).
     */
    List<Rect> take(Rect area, long now, long maxPixels) {
        if (lossy.isEmpty()) {
            return List.of();
        }
        List<Rect> dueTiles = new ArrayList<>();
        List<Long> since = new ArrayList<>();
        boolean[] seen = new boolean[changedAt.length];
        for (Rect l : lossy.rects()) {
            Rect inside = l.intersect(area);
            if (inside.isEmpty()) {
                continue;
            }
            for (int t : tilesOf(inside)) {
                if (!seen[t] && now - changedAt[t] >= quietNanos) {
                    seen[t] = true;
                    dueTiles.add(tileRect(t).intersect(area));
                    since.add(changedAt[t]);
                }
            }
        }
        Integer[] order = new Integer[dueTiles.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(since.get(a), since.get(b)));
        Region taken = new Region();
        long pixels = 0;
        for (int i : order) {
            if (pixels >= maxPixels) {
                break;
            }
            Rect tile = dueTiles.get(i);
            for (Rect l : lossy.rects()) {
                Rect part = l.intersect(tile);
                if (!part.isEmpty()) {
                    taken.add(part);
                    pixels += part.area();
                }
            }
        }
        for (Rect r : taken.rects()) {
            lossy.subtract(r);
        }
        return taken.rects();
    }

    void clear() {
        lossy.clear();
    }

    /** Restarts the clock of every tile {@code r} touches, growing the grid to reach it. */
    private void stamp(Rect r, long now) {
        grow((r.right() + TILE - 1) / TILE, (r.bottom() + TILE - 1) / TILE);
        for (int t : tilesOf(r)) {
            changedAt[t] = now;
        }
    }

    private void grow(int needCols, int needRows) {
        if (needCols <= cols && needRows <= rows) {
            return;
        }
        int c = Math.max(cols, needCols);
        int r = Math.max(rows, needRows);
        long[] next = new long[c * r];
        Arrays.fill(next, LONG_AGO);
        for (int y = 0; y < rows; y++) {
            System.arraycopy(changedAt, y * cols, next, y * c, cols);
        }
        changedAt = next;
        cols = c;
        rows = r;
    }

    /** The indices of the tiles {@code r} touches (within the grid; lossy pixels are always inside it). */
    private int[] tilesOf(Rect r) {
        int x0 = r.x() / TILE;
        int y0 = r.y() / TILE;
        int x1 = Math.min(cols, (r.right() + TILE - 1) / TILE);
        int y1 = Math.min(rows, (r.bottom() + TILE - 1) / TILE);
        if (x1 <= x0 || y1 <= y0) {
            return new int[0];
        }
        int[] out = new int[(x1 - x0) * (y1 - y0)];
        int n = 0;
        for (int ty = y0; ty < y1; ty++) {
            for (int tx = x0; tx < x1; tx++) {
                out[n++] = ty * cols + tx;
            }
        }
        return out;
    }

    private Rect tileRect(int t) {
        return new Rect(t % cols * TILE, t / cols * TILE, TILE, TILE);
    }
}
