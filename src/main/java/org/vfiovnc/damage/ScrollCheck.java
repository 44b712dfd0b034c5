package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.vfiovnc.surface.Rect;

/**
 * Checks a scroll byte for byte: which rows of an area in the new frame equal the {@link Shadow}'s
 * rows a given distance away. A move is the largest rectangle of checked rows and neighbouring
 * columns, so a scrollbar or a clock beside the scrolled text stays out of it.
 *
 * <p>Not thread-safe: its detector owns it. The tables are kept from check to check.
 */
final class ScrollCheck {
    /** Fewer pixels than two 64x64 tiles are not worth a CopyRect. */
    static final long MIN_AREA = 2 * 64 * 64;

    private final Shadow shadow;
    private boolean[] match = new boolean[0];
    private int[] runs = new int[0];
    private int[] stack = new int[0];

    ScrollCheck(Shadow shadow) {
        this.shadow = shadow;
    }

    /**
     * Checks every row of every column byte for byte against the previous frame {@code dy} rows
     * away and returns the largest rectangle of matching rows and neighbouring columns.
     */
    Optional<Move> verify(ByteBuffer src, int stride, Rect area, TileColumns cols, int dy) {
        int bpp = shadow.bpp;
        int h = area.height();
        if (Math.abs(dy) >= h - ScrollDetector.MIN_ROWS) {
            return Optional.empty();
        }
        int n = cols.count;
        if (match.length < h * n) {
            match = new boolean[h * n];
        }
        // Destination rows whose source row, dy away, lies inside the area too.
        int from = Math.max(0, dy);
        int to = Math.min(h, h + dy);
        int fullLen = area.width() * bpp;
        for (int i = 0; i < h; i++) {
            boolean inside = i >= from && i < to;
            int y = area.y() + i;
            int s = y * stride + area.x() * bpp;
            int d = shadow.offset(area.x(), y - dy);
            // Most rows of a scroll match whole: one compare, then per column only where it failed.
            int m = inside ? shadow.mismatch(src, s, d, fullLen) : 0;
            for (int c = 0; c < n; c++) {
                boolean same;
                if (!inside) {
                    same = false;
                } else if (m < 0 || (cols.x[c + 1] - area.x()) * bpp <= m) {
                    same = true;
                } else {
                    int off = (cols.x[c] - area.x()) * bpp;
                    same = shadow.mismatch(src, s + off, d + off, cols.width(c) * bpp) < 0;
                }
                match[i * n + c] = same;
            }
        }
        return largestMatch(area, cols, dy);
    }

    /** The largest all-matching rectangle of {@link #match} (histogram of matching runs per column, a stack per row). */
    private Optional<Move> largestMatch(Rect area, TileColumns cols, int dy) {
        int h = area.height();
        int n = cols.count;
        if (runs.length < n) {
            runs = new int[n];
            stack = new int[n + 1];
        } else {
            Arrays.fill(runs, 0, n, 0);
        }
        long bestArea = 0;
        int bestTop = 0;
        int bestRows = 0;
        int bestFirst = 0;
        int bestLast = -1;
        for (int i = 0; i < h; i++) {
            for (int c = 0; c < n; c++) {
                runs[c] = match[i * n + c] ? runs[c] + 1 : 0;
            }
            int top = 0;
            for (int c = 0; c <= n; c++) {
                int height = c < n ? runs[c] : 0;
                while (top > 0 && runs[stack[top - 1]] >= height) {
                    int col = stack[--top];
                    int rows = runs[col];
                    int left = top > 0 ? stack[top - 1] + 1 : 0;
                    long a = (long) (cols.x[c] - cols.x[left]) * rows;
                    if (rows >= ScrollDetector.MIN_ROWS && a > bestArea) {
                        bestArea = a;
                        bestRows = rows;
                        bestTop = i - rows + 1;
                        bestFirst = left;
                        bestLast = c - 1;
                    }
                }
                if (c < n) {
                    stack[top++] = c;
                }
            }
        }
        // A sliver (a diagonal line moved sideways looks moved down) is not worth looking for on
        // every tick: count it as nothing found, so that the area is paused.
        if (bestLast < 0 || bestArea < MIN_AREA) {
            return Optional.empty();
        }
        Rect dest = new Rect(cols.x[bestFirst], area.y() + bestTop, cols.x[bestLast + 1] - cols.x[bestFirst], bestRows);
        return Optional.of(Move.vertical(dest, dy));
    }

    /**
     * The runs of at least {@link ScrollDetector#MIN_ROWS} rows of {@code area} in the new frame
     * that equal the previous frame's rows {@code dy} away (source rows on the screen), top to bottom.
     */
    static List<Rect> movedRows(ByteBuffer src, int stride, Shadow shadow, Rect area, int dy) {
        List<Rect> runs = new ArrayList<>();
        int len = area.width() * shadow.bpp;
        int top = area.y();
        for (int y = area.y(); y <= area.bottom(); y++) {
            boolean same = y < area.bottom() && y - dy >= 0 && y - dy < shadow.height
                    && shadow.mismatch(src, y * stride + area.x() * shadow.bpp, shadow.offset(area.x(), y - dy), len) < 0;
            if (!same) {
                if (y - top >= ScrollDetector.MIN_ROWS) {
                    runs.add(new Rect(area.x(), top, area.width(), y - top));
                }
                top = y + 1;
            }
        }
        return runs;
    }
}
