package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.Rect;

/**
 * Finds what changed between frames of a source that reports no damage. It keeps a shadow copy of
 * the source's bytes (packed rows) and compares each new frame row by row with
 * {@link ByteBuffer#mismatch}, which the JDK vectorises: an unchanged row costs one call at memory
 * speed. A mismatch marks its tile dirty and the scan resumes at the next tile, so a changed tile
 * costs one compare per row; packed frames are first compared a whole 64-row band at a time. Dirty
 * tiles are then shrunk to the changed pixels; a vertical scroll inside the changed area is
 * reported as a {@link Move}; finally the tiles are copied into the shadow and converted into the
 * canonical {@link Framebuffer}.
 *
 * <p>Not thread-safe: one refresh loop owns it.
 */
public final class TileDiffer {
    public static final int DEFAULT_TILE = 64;

    private final int tile;
    private final int width;
    private final int height;
    private final PixelLayout layout;
    private final int bpp;
    private final int rowBytes;
    private final byte[] shadow;
    private final ByteBuffer shadowBuf;
    private final Framebuffer framebuffer;
    private final int tileCols;
    private final int tileRows;
    // Per tile column of the current band: first and last dirty row, -1 when clean.
    private final int[] firstRow;
    private final int[] lastRow;
    private boolean primed;
    private final List<Rect> changed = new ArrayList<>();
    private final ScrollDetector scrolls = new ScrollDetector();
    private boolean detectMoves = true;
    private List<Move> moves = List.of();

    public TileDiffer(int width, int height, PixelLayout layout) {
        this(width, height, layout, DEFAULT_TILE);
    }

    public TileDiffer(int width, int height, PixelLayout layout, int tile) {
        if (tile < 8 || tile > 256) {
            throw new IllegalArgumentException("tile size " + tile);
        }
        this.tile = tile;
        this.width = width;
        this.height = height;
        this.layout = layout;
        this.bpp = layout.bytesPerPixel();
        this.rowBytes = width * bpp;
        this.shadow = new byte[Math.multiplyExact(rowBytes, height)];
        this.shadowBuf = ByteBuffer.wrap(shadow).order(ByteOrder.LITTLE_ENDIAN);
        this.framebuffer = new Framebuffer(width, height);
        this.tileCols = (width + tile - 1) / tile;
        this.tileRows = (height + tile - 1) / tile;
        this.firstRow = new int[tileCols];
        this.lastRow = new int[tileCols];
    }

    public Framebuffer framebuffer() {
        return framebuffer;
    }

    /** Whether frames of {@code s} can be diffed against this differ's shadow. */
    public boolean accepts(DisplaySurface s) {
        return s.width() == width && s.height() == height && s.layout() == layout;
    }

    /**
     * Compares {@code s} with the shadow, brings shadow and framebuffer up to date and returns the
     * changed area. The first call returns the whole screen. {@link #moves()} then tells which
     * parts of the damage are the previous frame moved.
     */
    public Region diff(DisplaySurface s) {
        return diff(s, null);
    }

    /**
     * Like {@link #diff(DisplaySurface)}, but compares only the tiles marked in {@code candidates}
     * (all tiles when null): changes elsewhere stay in the source, unseen, and are found by a
     * later call that looks there, because the shadow keeps the old bytes until then. The first
     * call still returns the whole screen.
     */
    public Region diff(DisplaySurface s, TileMask candidates) {
        if (!accepts(s)) {
            throw new IllegalArgumentException("surface " + s + " does not match differ " + width + "x" + height + " " + layout);
        }
        if (candidates != null && (candidates.cols() != tileCols || candidates.rows() != tileRows)) {
            throw new IllegalArgumentException("tile mask " + candidates.cols() + "x" + candidates.rows()
                    + " does not match the differ's grid " + tileCols + "x" + tileRows);
        }
        moves = List.of();
        Region damage = new Region();
        ByteBuffer src = s.pixels().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (!primed) {
            Rect all = new Rect(0, 0, width, height);
            copyIn(src, s.stride(), all);
            damage.add(all);
            primed = true;
            return damage;
        }
        if (candidates != null && candidates.isEmpty()) {
            return damage;
        }
        int stride = s.stride();
        ByteBuffer a = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer b = shadowBuf.duplicate();
        // Packed rows: one compare covers a whole band of rows (one call per 64 rows instead of
        // per row); a band that differs is rescanned row by row from its first differing row.
        boolean packed = stride == rowBytes && candidates == null;
        changed.clear();
        int startBand = 0;
        if (packed) {
            // An unchanged frame costs exactly one compare of all its bytes.
            int m = mismatch(a, 0, b, 0, height * rowBytes);
            if (m < 0) {
                return damage;
            }
            startBand = m / rowBytes / tile * tile;
        }
        for (int bandY = startBand; bandY < height; bandY += tile) {
            if (candidates != null && !candidates.anyInRow(bandY / tile)) {
                continue;
            }
            int bandH = Math.min(tile, height - bandY);
            int firstY = bandY;
            if (packed) {
                int m = mismatch(a, bandY * rowBytes, b, bandY * rowBytes, bandH * rowBytes);
                if (m < 0) {
                    continue;
                }
                firstY = bandY + m / rowBytes;
            }
            java.util.Arrays.fill(firstRow, -1);
            boolean bandDirty = false;
            for (int y = firstY; y < bandY + bandH; y++) {
                if (candidates == null) {
                    bandDirty |= scanRow(a, b, stride, y, 0, tileCols);
                    continue;
                }
                int row = bandY / tile;
                for (int col = 0; col < tileCols; col++) {
                    if (candidates.marked(col, row)) {
                        // One compare over each run of neighbouring candidate tiles.
                        int end = col + 1;
                        while (end < tileCols && candidates.marked(end, row)) {
                            end++;
                        }
                        bandDirty |= scanRow(a, b, stride, y, col, end);
                        col = end;
                    }
                }
            }
            if (bandDirty) {
                for (int col = 0; col < tileCols; col++) {
                    if (firstRow[col] >= 0) {
                        changed.add(shrink(a, stride, col * tile, firstRow[col],
                                Math.min(tile, width - col * tile), lastRow[col] - firstRow[col] + 1));
                    }
                }
            }
        }
        if (detectMoves && !changed.isEmpty()) {
            findScroll(src, stride);
        }
        for (Rect r : changed) {
            copyIn(src, stride, r);
            damage.add(r);
        }
        return damage;
    }

    /**
     * Compares row {@code y} of tile columns [{@code fromCol}, {@code toCol}) with the shadow and
     * records each differing column's first and last dirty row; true when any differed.
     */
    private boolean scanRow(ByteBuffer a, ByteBuffer b, int stride, int y, int fromCol, int toCol) {
        int srcRow = y * stride;
        int shRow = y * rowBytes;
        int from = fromCol * tile * bpp;
        int end = Math.min(toCol * tile, width) * bpp;
        boolean dirty = false;
        while (from < end) {
            int m = mismatch(a, srcRow + from, b, shRow + from, end - from);
            if (m < 0) {
                break;
            }
            int col = (from + m) / bpp / tile;
            if (firstRow[col] < 0) {
                firstRow[col] = y;
            }
            lastRow[col] = y;
            dirty = true;
            from = (col + 1) * tile * bpp;
        }
        return dirty;
    }

    /**
     * The cheap first look of a sampled scan: compares every {@code step}-th row from
     * {@code fromRow} with the shadow and marks in {@code out} the tile of each differing row.
     * A change at least {@code step} rows tall crosses a compared row, but may reach fewer than
     * {@code step} rows over a tile's top or bottom edge without crossing one there, so a differing
     * row that close to an edge also marks the tile beyond it. Nothing is updated.
     */
    public void sampleRows(DisplaySurface s, int fromRow, int step, TileMask out) {
        if (!accepts(s)) {
            throw new IllegalArgumentException("surface " + s + " does not match differ " + width + "x" + height + " " + layout);
        }
        if (step < 1 || fromRow < 0) {
            throw new IllegalArgumentException("sample rows from " + fromRow + " every " + step);
        }
        if (out.cols() != tileCols || out.rows() != tileRows) {
            throw new IllegalArgumentException("tile mask does not match the differ's grid");
        }
        if (!primed) {
            return;
        }
        int stride = s.stride();
        ByteBuffer a = s.pixels().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer b = shadowBuf.duplicate();
        for (int y = fromRow; y < height; y += step) {
            int srcRow = y * stride;
            int shRow = y * rowBytes;
            int from = 0;
            int row = y / tile;
            int inTile = y % tile;
            while (from < rowBytes) {
                int m = mismatch(a, srcRow + from, b, shRow + from, rowBytes - from);
                if (m < 0) {
                    break;
                }
                int col = (from + m) / bpp / tile;
                out.mark(col, row);
                if (inTile < step) {
                    out.mark(col, row - 1);
                }
                if (tile - 1 - inTile < step) {
                    out.mark(col, row + 1);
                }
                from = (col + 1) * tile * bpp;
            }
        }
    }

    /** Whether the first frame was taken in (before it, every diff returns the whole screen). */
    public boolean primed() {
        return primed;
    }

    /** An empty mask of this differ's tile grid. */
    public TileMask newTileMask() {
        return new TileMask(tileCols, tileRows);
    }

    /**
     * Looks for a vertical scroll in each cluster of touching changed tiles (a scrolling window is
     * one cluster; a clock or a cursor elsewhere is another), before the shadow is updated.
     */
    private void findScroll(ByteBuffer src, int stride) {
        List<Move> found = new ArrayList<>();
        for (Rect box : clusters(changed)) {
            if (box.height() >= 2 * ScrollDetector.MIN_ROWS && box.area() >= (long) tile * tile * 4) {
                scrolls.find(src, stride, shadowBuf, rowBytes, bpp, box).ifPresent(found::add);
            }
        }
        moves = found.isEmpty() ? List.of() : List.copyOf(found);
    }

    /** Bounding boxes of groups of rects that touch or overlap (union-find on a small list). */
    static List<Rect> clusters(List<Rect> rects) {
        int n = rects.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            Rect a = rects.get(i);
            Rect grown = new Rect(a.x() - 1, a.y() - 1, a.width() + 2, a.height() + 2);
            for (int j = i + 1; j < n; j++) {
                if (grown.intersects(rects.get(j))) {
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        java.util.Map<Integer, Rect> boxes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            boxes.merge(root(parent, i), rects.get(i), Rect::union);
        }
        return new ArrayList<>(boxes.values());
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * Moves found by the last {@link #diff}: each destination lies inside that diff's damage and
     * equals the previous frame's source rectangle. Empty when nothing moved or detection is off.
     */
    public List<Move> moves() {
        return moves;
    }

    /** Turns scroll detection on or off (on by default; the refresh loop turns it on only while a viewer can use moves). */
    public void setDetectMoves(boolean on) {
        detectMoves = on;
    }

    /** Narrows a dirty tile's columns to the first and last differing pixel. */
    private Rect shrink(ByteBuffer src, int stride, int x, int y, int w, int h) {
        int left = w;
        int right = -1;
        for (int row = y; row < y + h; row++) {
            int s = row * stride + x * bpp;
            int d = row * rowBytes + x * bpp;
            // The JDK's vectorised compare finds the row's first difference (or that it has none);
            // only changed rows walk pixels from the right, and only past the right edge found so far.
            int m = mismatch(src, s, shadowBuf, d, w * bpp);
            if (m < 0) {
                continue;
            }
            left = Math.min(left, m / bpp);
            for (int i = w - 1; i > right && i >= m / bpp; i--) {
                if (!samePixel(src, s + i * bpp, d + i * bpp)) {
                    right = i;
                    break;
                }
            }
        }
        if (right < left) {
            // The source changed back between the scan and now: still refresh the scanned rows.
            return new Rect(x, y, w, h);
        }
        return new Rect(x + left, y, right - left + 1, h);
    }

    private boolean samePixel(ByteBuffer src, int s, int d) {
        if (bpp == 4) {
            return src.getInt(s) == shadowBuf.getInt(d);
        }
        for (int k = 0; k < bpp; k++) {
            if (src.get(s + k) != shadow[d + k]) {
                return false;
            }
        }
        return true;
    }

    private void copyIn(ByteBuffer src, int stride, Rect r) {
        int[] fb = framebuffer.pixels();
        int len = r.width() * bpp;
        for (int row = r.y(); row < r.bottom(); row++) {
            int d = row * rowBytes + r.x() * bpp;
            src.get(row * stride + r.x() * bpp, shadow, d, len);
            layout.toCanonical(shadow, d, fb, row * width + r.x(), r.width());
        }
    }

    private static int mismatch(ByteBuffer a, int aFrom, ByteBuffer b, int bFrom, int len) {
        a.limit(aFrom + len).position(aFrom);
        b.limit(bFrom + len).position(bFrom);
        int m = a.mismatch(b);
        a.clear();
        b.clear();
        return m;
    }
}
