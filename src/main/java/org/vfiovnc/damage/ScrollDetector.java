package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vfiovnc.surface.Rect;

/**
 * Finds a vertical scroll inside a changed area. The area is cut into columns at tile edges; each
 * column's rows are hashed in the new frame and in the shadow (the previous frame), and rows whose
 * content occurs once in their column of the previous frame vote for an offset. Columns vote
 * together, so a column whose rows repeat (the same words on every line of a terminal) still moves
 * with the columns that do not. Every row of every column is then checked byte for byte at the
 * winning offset, and the move is the largest rectangle of checked rows and neighbouring columns:
 * a scrollbar or a clock beside the scrolled text stays out of it.
 *
 * <p>Two shortcuts keep a busy screen cheap. An area that scrolled before is first checked at its
 * last offset, without hashing (a terminal scrolls by one line again and again); the differ does
 * that check ({@link #again}) before it compares the area's rows at all, so a repeated scroll
 * costs one compare per row instead of two. An area where nothing was found is left alone for
 * its next looks, the pause doubling with each miss up to {@link #MAX_PAUSE} looks (a redrawn
 * video or a window dragged sideways never scrolls vertically). Looks at the area itself, not
 * detections anywhere: with a terminal, a clock and a video on screen, a pause counted in all
 * detections ended after a few frames of the video and it was hashed several times a second.
 *
 * <p>Not thread-safe: its differ owns it.
 */
final class ScrollDetector {
    /** Fewer rows than this are not worth a CopyRect. */
    static final int MIN_ROWS = 16;
    private static final int MIN_VOTES = 4;
    /** Fewer pixels than two 64x64 tiles are not worth a CopyRect either. */
    static final long MIN_AREA = 2 * 64 * 64;
    /** Largest pause, in looks at the area itself, over an area where nothing was found. */
    static final int MAX_PAUSE = 32;
    private static final int MEMORY = 16;

    /** An area looked at before: its last offset, or when to look again after a miss. */
    private static final class Seen {
        Rect area;
        int dy;
        int misses;
        int skipsLeft;

        Seen(Rect area) {
            this.area = area;
        }
    }

    private final List<Seen> seen = new ArrayList<>();
    private long voteCount;
    private long[] newHash = new long[0];
    private long[] oldHash = new long[0];
    private boolean[] match = new boolean[0];
    private int[] runs = new int[0];
    private long[] keys = new long[0];
    private int[] rowsOf = new int[0];
    private boolean[] used = new boolean[0];
    private int[] votes = new int[0];
    private int[] stack = new int[0];

    /**
     * @param src new frame, rows {@code stride} apart
     * @param shadow previous frame, packed rows of {@code rowBytes}
     * @param area the changed area to search (both ends of the move lie inside it)
     * @param tile column width: columns are cut at multiples of it
     */
    Optional<Move> find(ByteBuffer src, int stride, ByteBuffer shadow, int rowBytes, int bpp, Rect area, int tile) {
        if (area.height() < MIN_ROWS * 2) {
            return Optional.empty();
        }
        Seen s = recall(area);
        if (s != null && s.dy == 0 && s.skipsLeft > 0) {
            // Paused; follow the area (a window dragged sideways) so that its next look finds it.
            s.skipsLeft--;
            s.area = area;
            return Optional.empty();
        }
        Columns cols = new Columns(area, tile);
        Optional<Move> found = Optional.empty();
        if (s != null && s.dy != 0) {
            found = verify(src, stride, shadow, rowBytes, bpp, area, cols, s.dy);
        }
        if (found.isEmpty()) {
            int dy = vote(src, stride, shadow, rowBytes, bpp, area, cols);
            if (dy != 0 && (s == null || dy != s.dy)) {
                found = verify(src, stride, shadow, rowBytes, bpp, area, cols, dy);
            }
        }
        remember(s, area, found);
        return found;
    }

    /** Votes taken so far (each hashes every row of its area twice): statistics for tests. */
    long votes() {
        return voteCount;
    }

    /** An area that scrolled at the last look, with its distance. */
    record Scrolling(Rect area, int dy) {
    }

    /** The remembered areas whose last look found a scroll. */
    List<Scrolling> scrolling() {
        List<Scrolling> out = new ArrayList<>();
        for (Seen s : seen) {
            if (s.dy != 0) {
                out.add(new Scrolling(s.area, s.dy));
            }
        }
        return out;
    }

    /**
     * Checks {@code area} (which holds a remembered scrolling area) at that area's last distance
     * only, before the area's rows are compared with the shadow at all: a terminal that scrolled
     * by a line scrolls by a line again, and a verified move needs no other compare. On a miss
     * the memory forgets the distance without pausing, so that the ordinary {@link #find} of the
     * changed area goes straight to voting.
     */
    Optional<Move> again(ByteBuffer src, int stride, ByteBuffer shadow, int rowBytes, int bpp, Rect area, int tile,
            Scrolling last) {
        Seen s = recall(area);
        if (s == null || s.dy != last.dy() || area.height() < MIN_ROWS * 2) {
            return Optional.empty();
        }
        Optional<Move> found = verify(src, stride, shadow, rowBytes, bpp, area, new Columns(area, tile), last.dy());
        if (found.isPresent()) {
            remember(s, area, found);
        } else {
            s.dy = 0;
            s.misses = 0;
            s.skipsLeft = 0;
        }
        return found;
    }

    /** Column boundaries of an area, cut at tile edges. */
    private static final class Columns {
        final int count;
        final int[] x;

        Columns(Rect area, int tile) {
            int first = area.x() / tile;
            int last = (area.right() - 1) / tile;
            count = last - first + 1;
            x = new int[count + 1];
            for (int c = 0; c < count; c++) {
                x[c] = Math.max(area.x(), (first + c) * tile);
            }
            x[count] = area.right();
        }

        int width(int c) {
            return x[c + 1] - x[c];
        }
    }

    /** The offset most unique rows agree on (0 when none has {@link #MIN_VOTES}). */
    private int vote(ByteBuffer src, int stride, ByteBuffer shadow, int rowBytes, int bpp, Rect area, Columns cols) {
        voteCount++;
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
                newHash[c * h + i] = hash(src, y * stride + cols.x[c] * bpp, len);
                oldHash[c * h + i] = hash(shadow, y * rowBytes + cols.x[c] * bpp, len);
            }
        }
        if (votes.length < 2 * h + 1) {
            votes = new int[2 * h + 1];
        } else {
            java.util.Arrays.fill(votes, 0, 2 * h + 1, 0);
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
            java.util.Arrays.fill(used, 0, cap, false);
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

    /**
     * Checks every row of every column byte for byte against the previous frame {@code dy} rows
     * away and returns the largest rectangle of matching rows and neighbouring columns.
     */
    private Optional<Move> verify(ByteBuffer src, int stride, ByteBuffer shadow, int rowBytes, int bpp, Rect area,
            Columns cols, int dy) {
        int h = area.height();
        if (Math.abs(dy) >= h - MIN_ROWS) {
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
            int d = (y - dy) * rowBytes + area.x() * bpp;
            // Most rows of a scroll match whole: one compare, then per column only where it failed.
            int m = inside ? TileDiffer.mismatch(src, s, shadow, d, fullLen) : 0;
            for (int c = 0; c < n; c++) {
                boolean same;
                if (!inside) {
                    same = false;
                } else if (m < 0 || (cols.x[c + 1] - area.x()) * bpp <= m) {
                    same = true;
                } else {
                    int off = (cols.x[c] - area.x()) * bpp;
                    same = TileDiffer.mismatch(src, s + off, shadow, d + off, cols.width(c) * bpp) < 0;
                }
                match[i * n + c] = same;
            }
        }
        // Largest all-matching rectangle (histogram of matching runs per column, a stack per row).
        if (runs.length < n) {
            runs = new int[n];
            stack = new int[n + 1];
        } else {
            java.util.Arrays.fill(runs, 0, n, 0);
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
                    if (rows >= MIN_ROWS && a > bestArea) {
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
     * The runs of at least {@link #MIN_ROWS} rows of {@code area} in the new frame that equal the
     * previous frame's rows {@code dy} away (source rows on the screen), top to bottom.
     */
    static List<Rect> movedRows(ByteBuffer src, int stride, ByteBuffer shadow, int rowBytes, int bpp, int screenHeight,
            Rect area, int dy) {
        List<Rect> runs = new ArrayList<>();
        int len = area.width() * bpp;
        int top = area.y();
        for (int y = area.y(); y <= area.bottom(); y++) {
            boolean same = y < area.bottom() && y - dy >= 0 && y - dy < screenHeight
                    && TileDiffer.mismatch(src, y * stride + area.x() * bpp, shadow, (y - dy) * rowBytes + area.x() * bpp, len) < 0;
            if (!same) {
                if (y - top >= MIN_ROWS) {
                    runs.add(new Rect(area.x(), top, area.width(), y - top));
                }
                top = y + 1;
            }
        }
        return runs;
    }

    /**
     * The area seen before that is mostly this one (each covers at least half of the other): a
     * narrow cluster beside a scrolling window is another area, and its misses must not pause the
     * window.
     */
    private Seen recall(Rect area) {
        for (Seen s : seen) {
            long common = s.area.intersect(area).area();
            if (2 * common >= s.area.area() && 2 * common >= area.area()) {
                return s;
            }
        }
        return null;
    }

    private void remember(Seen s, Rect area, Optional<Move> found) {
        if (s == null) {
            if (seen.size() == MEMORY) {
                seen.remove(0);
            }
            s = new Seen(area);
            seen.add(s);
        }
        s.area = area;
        if (found.isPresent()) {
            s.dy = found.get().dy();
            s.misses = 0;
        } else {
            // The first miss costs nothing (a terminal that paused for a frame scrolls on); then
            // 1, 2, 4 ... MAX_PAUSE looks are skipped.
            s.dy = 0;
            s.misses++;
            s.skipsLeft = s.misses < 2 ? 0 : Math.min(MAX_PAUSE, 1 << Math.min(20, s.misses - 2));
        }
    }

    private static int slot(long hash, int mask) {
        return (int) (hash ^ (hash >>> 32)) * 0x9E3779B9 >>> 1 & mask;
    }

    private static long hash(ByteBuffer b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L;
        int end = off + len;
        int i = off;
        // Every other 8 bytes: rows that differ only in skipped bytes share a hash, which at worst
        // loses votes, as every move is checked byte for byte.
        for (; i + 16 <= end; i += 16) {
            h = (h ^ b.getLong(i)) * 0x100000001B3L;
            h ^= h >>> 29;
        }
        for (; i < end; i++) {
            h = (h ^ b.get(i)) * 0x100000001B3L;
        }
        return h;
    }
}
