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
 * costs one compare per row; packed frames are first compared a whole 64-row band at a time. The
 * compare that finds a tile's first difference in a row also gives the changed pixels' left edge,
 * and the right edge is walked while the row is in cache, so dirty tiles come out shrunk. Vertical
 * scrolls among nearby changed tiles are reported as {@link Move}s and shifted inside the shadow
 * and the framebuffer; the rest is copied from the source into the shadow and converted into the
 * canonical {@link Framebuffer}. When only candidate tiles are compared (the sampled scan), an
 * area that scrolled last time is first checked at that distance and, where it moved again,
 * shifted and left out of the row compares.
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
    // Per tile column of the current band: first and last dirty row (-1 when clean) and the
    // leftmost and rightmost changed pixel (tile-relative), found while the rows are compared.
    private final int[] firstRow;
    private final int[] lastRow;
    private final int[] leftPx;
    private final int[] rightPx;
    private boolean primed;
    private final List<Rect> changed = new ArrayList<>();
    private final ScrollDetector scrolls = new ScrollDetector();
    private boolean detectMoves = true;
    private List<Move> moves = List.of();
    private Region residual = new Region();

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
        this.leftPx = new int[tileCols];
        this.rightPx = new int[tileCols];
    }

    public Framebuffer framebuffer() {
        return framebuffer;
    }

    /** Tile width and height in pixels. */
    public int tileSize() {
        return tile;
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
        residual = new Region();
        Region damage = new Region();
        ByteBuffer src = s.pixels().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (!primed) {
            Rect all = new Rect(0, 0, width, height);
            copyIn(src, s.stride(), all);
            damage.add(all);
            residual.add(all);
            primed = true;
            return damage;
        }
        if (candidates != null && candidates.isEmpty()) {
            return damage;
        }
        int stride = s.stride();
        // Areas that scrolled last time are checked at that distance before any other compare;
        // what moved again is shifted at once and left out of the row compares below.
        List<Move> again = detectMoves && candidates != null ? scrollsAgain(src, stride, candidates) : List.of();
        for (Move m : again) {
            shiftRows(m);
        }
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
            startBand = m < 0 ? height : m / rowBytes / tile * tile;
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
            java.util.Arrays.fill(leftPx, Integer.MAX_VALUE);
            java.util.Arrays.fill(rightPx, -1);
            boolean bandDirty = false;
            for (int y = firstY; y < bandY + bandH; y++) {
                if (candidates == null) {
                    bandDirty |= scanRow(a, b, stride, y, 0, tileCols);
                    continue;
                }
                int row = bandY / tile;
                for (int col = 0; col < tileCols; col++) {
                    if (candidates.marked(col, row) && !movedAgain(again, col, y)) {
                        // One compare over each run of neighbouring candidate tiles.
                        int end = col + 1;
                        while (end < tileCols && candidates.marked(end, row) && !movedAgain(again, end, y)) {
                            end++;
                        }
                        bandDirty |= scanRow(a, b, stride, y, col, end);
                        col = end;
                    }
                }
            }
            if (bandDirty) {
                Rect open = null;
                for (int col = 0; col < tileCols; col++) {
                    if (firstRow[col] < 0) {
                        continue;
                    }
                    int x = col * tile;
                    Rect r = new Rect(x + leftPx[col], firstRow[col], rightPx[col] - leftPx[col] + 1,
                            lastRow[col] - firstRow[col] + 1);
                    // Neighbours in a band with the same rows and touching edges become one rect.
                    if (open != null && open.right() == r.x() && open.y() == r.y() && open.height() == r.height()) {
                        open = new Rect(open.x(), open.y(), open.width() + r.width(), open.height());
                        changed.set(changed.size() - 1, open);
                    } else {
                        open = r;
                        changed.add(r);
                    }
                }
            }
        }
        for (Rect r : changed) {
            residual.addDisjoint(r);
        }
        List<Move> found = List.of();
        if (detectMoves && !changed.isEmpty()) {
            found = findScroll(src, stride, again);
        }
        // All were found against the same shadow: shifted one after another, none may read rows an earlier one wrote.
        found = independent(found);
        for (Move m : found) {
            // A move is verified byte for byte against the shadow: shift the shadow's and the
            // framebuffer's own rows instead of reading and converting the source again there.
            shiftRows(m);
            residual.subtract(m.destination());
        }
        for (Rect r : residual.rects()) {
            copyIn(src, stride, r);
        }
        if (again.isEmpty()) {
            moves = found.isEmpty() ? List.of() : List.copyOf(found);
        } else {
            // Moves found after the repeated scrolls were checked against a shadow with those
            // already shifted, which is also the order a viewer copies them in.
            List<Move> all = new ArrayList<>(again);
            all.addAll(found);
            moves = List.copyOf(all);
        }
        damage = residual.copy();
        for (Move m : moves) {
            damage.add(m.destination());
        }
        return damage;
    }

    /** The remembered scrolls that happened again among the candidate tiles, each verified byte for byte. */
    private List<Move> scrollsAgain(ByteBuffer src, int stride, TileMask candidates) {
        List<ScrollDetector.Scrolling> last = scrolls.scrolling();
        if (last.isEmpty()) {
            return List.of();
        }
        // Runs of candidate tiles per tile row, clustered as changed tiles are.
        List<Rect> runs = new ArrayList<>();
        for (int row = 0; row < tileRows; row++) {
            if (!candidates.anyInRow(row)) {
                continue;
            }
            for (int col = 0; col < tileCols; col++) {
                if (candidates.marked(col, row)) {
                    int end = col + 1;
                    while (end < tileCols && candidates.marked(end, row)) {
                        end++;
                    }
                    int y = row * tile;
                    runs.add(new Rect(col * tile, y, Math.min(end * tile, width) - col * tile, Math.min(tile, height - y)));
                    col = end;
                }
            }
        }
        List<Move> out = new ArrayList<>();
        List<Rect> boxes = clusters(runs, tile);
        for (Rect box : boxes) {
            for (ScrollDetector.Scrolling s : last) {
                if (box.intersects(s.area())) {
                    scrolls.again(src, stride, shadowBuf, rowBytes, bpp, box, tile, s).ifPresent(out::add);
                    break;
                }
            }
        }
        return independent(out);
    }

    /**
     * Whether tile column {@code col} of row {@code y} lies inside one of {@code moves}: its bytes
     * there equal the source already (verified, then shifted), so no compare is needed.
     */
    private boolean movedAgain(List<Move> moves, int col, int y) {
        for (int i = 0; i < moves.size(); i++) {
            Rect d = moves.get(i).destination();
            int x = col * tile;
            if (y >= d.y() && y < d.bottom() && x >= d.x() && Math.min(x + tile, width) <= d.right()) {
                return true;
            }
        }
        return false;
    }

    /**
     * What changed besides the moves of the last {@link #diff}: a viewer that shows the previous
     * frame, copies the moves in order and then receives these pixels shows the new frame.
     */
    public Region residual() {
        return residual.copy();
    }

    /**
     * The moves, in order, that read no rows an earlier kept one writes, so shifting them one
     * after another (as a viewer copies them) reads what each was found against; the others stay
     * pixels. An earlier move reading rows a later one writes is fine: it has read them by then.
     */
    private static List<Move> independent(List<Move> ms) {
        if (ms.size() < 2) {
            return ms;
        }
        List<Move> kept = new ArrayList<>();
        for (Move m : ms) {
            boolean free = true;
            for (Move k : kept) {
                free &= !k.destination().intersects(m.source());
            }
            if (free) {
                kept.add(m);
            }
        }
        return kept;
    }

    /** Copies a move's source rows onto its destination rows in the shadow and the framebuffer. */
    private void shiftRows(Move m) {
        Rect d = m.destination();
        int dy = m.dy();
        int[] fb = framebuffer.pixels();
        int len = d.width() * bpp;
        // Rows overlap when the distance is smaller than the height: copy away from the direction of travel.
        for (int i = 0; i < d.height(); i++) {
            int row = dy > 0 ? d.bottom() - 1 - i : d.y() + i;
            System.arraycopy(shadow, (row - dy) * rowBytes + d.x() * bpp, shadow, row * rowBytes + d.x() * bpp, len);
            System.arraycopy(fb, (row - dy) * width + d.x(), fb, row * width + d.x(), d.width());
        }
    }

    /**
     * Compares row {@code y} of tile columns [{@code fromCol}, {@code toCol}) with the shadow and
     * records, per differing column, its first and last dirty row and its leftmost and rightmost
     * changed pixel; true when any differed. The compare that finds a column's first difference
     * gives its left edge; its right edge is walked from the tile's right end, only past the edge
     * found so far, while the row is still in cache.
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
            int px = (from + m) / bpp;
            int col = px / tile;
            int tileX = col * tile;
            if (firstRow[col] < 0) {
                firstRow[col] = y;
            }
            lastRow[col] = y;
            int left = px - tileX;
            if (left < leftPx[col]) {
                leftPx[col] = left;
            }
            int right = Math.max(rightPx[col], left);
            for (int i = Math.min(tile, width - tileX) - 1; i > right; i--) {
                int off = (tileX + i) * bpp;
                if (!samePixel(a, srcRow + off, shRow + off)) {
                    right = i;
                    break;
                }
            }
            rightPx[col] = right;
            dirty = true;
            from = (tileX + tile) * bpp;
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
        sampleRows(s, fromRow, step, out, null);
    }

    /**
     * Like {@link #sampleRows(DisplaySurface, int, int, TileMask)}, comparing only the row parts
     * inside the tiles marked in {@code only} (all tiles when null).
     */
    public void sampleRows(DisplaySurface s, int fromRow, int step, TileMask out, TileMask only) {
        if (!accepts(s)) {
            throw new IllegalArgumentException("surface " + s + " does not match differ " + width + "x" + height + " " + layout);
        }
        if (step < 1 || fromRow < 0) {
            throw new IllegalArgumentException("sample rows from " + fromRow + " every " + step);
        }
        if (out.cols() != tileCols || out.rows() != tileRows || only != null && (only.cols() != tileCols || only.rows() != tileRows)) {
            throw new IllegalArgumentException("tile mask does not match the differ's grid");
        }
        if (!primed) {
            return;
        }
        int stride = s.stride();
        ByteBuffer a = s.pixels().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer b = shadowBuf.duplicate();
        for (int y = fromRow; y < height; y += step) {
            int row = y / tile;
            if (only == null) {
                sampleRun(a, b, stride, y, 0, tileCols, step, out);
            } else if (only.anyInRow(row)) {
                for (int col = 0; col < tileCols; col++) {
                    if (only.marked(col, row)) {
                        int end = col + 1;
                        while (end < tileCols && only.marked(end, row)) {
                            end++;
                        }
                        sampleRun(a, b, stride, y, col, end, step, out);
                        col = end;
                    }
                }
            }
        }
    }

    /** Compares row {@code y} of tile columns [{@code fromCol}, {@code toCol}) and marks the tiles it differs in. */
    private void sampleRun(ByteBuffer a, ByteBuffer b, int stride, int y, int fromCol, int toCol, int step, TileMask out) {
        int srcRow = y * stride;
        int shRow = y * rowBytes;
        int row = y / tile;
        int inTile = y % tile;
        int from = fromCol * tile * bpp;
        int end = Math.min(toCol * tile, width) * bpp;
        while (from < end) {
            int m = mismatch(a, srcRow + from, b, shRow + from, end - from);
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

    /** Whether the first frame was taken in (before it, every diff returns the whole screen). */
    public boolean primed() {
        return primed;
    }

    /** An empty mask of this differ's tile grid. */
    public TileMask newTileMask() {
        return new TileMask(tileCols, tileRows);
    }

    /**
     * Looks for a vertical scroll in each cluster of nearby changed tiles (a scrolling window is
     * one cluster, a clock or a cursor elsewhere another), before the shadow is updated. Tiles
     * cluster by the grid, not by their shrunk rectangles: the changed pixels of text stop short
     * of tile edges, which would cut a terminal into columns. The detector keeps whatever else
     * falls into a cluster's box out of the move; clusters beside a move that moved with it get
     * moves of their own.
     */
    private List<Move> findScroll(ByteBuffer src, int stride, List<Move> earlier) {
        // The moves found before the row compares seed the neighbours' check too (their areas
        // were left out of the compares, so no cluster here holds them).
        List<Move> found = new ArrayList<>(earlier);
        List<Rect> boxes = clusters(changed, tile);
        for (Rect box : boxes) {
            // Narrow but tall clusters count: the last digit of a terminal's line numbers is one.
            if (box.height() >= 2 * ScrollDetector.MIN_ROWS && box.area() >= (long) tile * tile) {
                scrolls.find(src, stride, shadowBuf, rowBytes, bpp, box, tile).ifPresent(found::add);
            }
        }
        if (found.size() > earlier.size() && boxes.size() > 1 || !earlier.isEmpty()) {
            extendToNeighbours(src, stride, found, boxes);
        }
        return new ArrayList<>(found.subList(earlier.size(), found.size()));
    }

    /**
     * Adds moves by the same distance for each cluster beside a found move whose own rows moved
     * with it: text that repeats on every line does not change when a terminal scrolls, so its
     * tiles stay clean and cut the scroll into clusters, and a narrow one (the last digit of the
     * line numbers) may hold no row unique enough to vote. Only the cluster is checked, not the
     * clean columns between: those need no update at all. Each run of rows that moved is a move
     * (a cursor painted into the column leaves the rows above and below it moved).
     */
    private void extendToNeighbours(ByteBuffer src, int stride, List<Move> found, List<Rect> boxes) {
        int n = found.size();
        for (Rect b : boxes) {
            boolean covered = false;
            for (Move m : found) {
                covered |= m.destination().intersects(b);
            }
            for (int i = 0; i < n && !covered; i++) {
                Move m = found.get(i);
                Rect d = m.destination();
                int top = Math.max(d.y(), b.y());
                int bottom = Math.min(d.bottom(), b.bottom());
                if (bottom - top < ScrollDetector.MIN_ROWS || (b.right() > d.x() && b.x() < d.right())) {
                    continue; // not beside it
                }
                for (Rect dest : ScrollDetector.movedRows(src, stride, shadowBuf, rowBytes, bpp, height,
                        new Rect(b.x(), top, b.width(), bottom - top), m.dy())) {
                    found.add(Move.vertical(dest, m.dy()));
                    covered = true;
                }
            }
        }
    }

    /** Bounding boxes of groups of rects whose tiles (of size {@code tile}) are near (union-find on a small list). */
    static List<Rect> clusters(List<Rect> rects, int tile) {
        int n = rects.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            Rect a = rects.get(i);
            for (int j = i + 1; j < n; j++) {
                Rect b = rects.get(j);
                if (tilesTouch(a, b, tile)) {
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

    /**
     * Whether the tile ranges covered by two rects are at most one clean tile apart (corners
     * included). One clean tile may sit inside a scroll: words that repeat on every line of a
     * terminal do not change when it scrolls, which would cut it into two moves.
     */
    private static boolean tilesTouch(Rect a, Rect b, int tile) {
        return a.x() / tile <= (b.right() - 1) / tile + 2 && b.x() / tile <= (a.right() - 1) / tile + 2
                && a.y() / tile <= (b.bottom() - 1) / tile + 2 && b.y() / tile <= (a.bottom() - 1) / tile + 2;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * Moves of the last {@link #diff}, in the order a viewer applies them: a viewer that shows the
     * previous frame, copies each move's source onto its destination in turn and then receives the
     * {@link #residual()} shows the new frame. Each destination equals the previous frame's source
     * rectangle exactly and lies inside that diff's damage; no move reads rows another one
     * writes. Empty when nothing moved or detection is off.
     */
    public List<Move> moves() {
        return moves;
    }

    /** Scroll votes taken so far (the expensive part of detection: every row of an area hashed twice); for tests. */
    long scrollVotes() {
        return scrolls.votes();
    }

    /** Turns scroll detection on or off (on by default; the refresh loop turns it on only while a viewer can use moves). */
    public void setDetectMoves(boolean on) {
        detectMoves = on;
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

    /** {@link ByteBuffer#mismatch} of {@code len} bytes from the two offsets (the buffers' positions and limits are reset). */
    static int mismatch(ByteBuffer a, int aFrom, ByteBuffer b, int bFrom, int len) {
        a.limit(aFrom + len).position(aFrom);
        b.limit(bFrom + len).position(bFrom);
        int m = a.mismatch(b);
        a.clear();
        b.clear();
        return m;
    }
}
