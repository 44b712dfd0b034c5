package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vfiovnc.surface.Rect;

/**
 * Compares a frame's rows with the {@link Shadow}, tile by tile; the shadow is only read. Two
 * looks: the exact compare ({@link #changed}) finds which tiles differ, each as the box of its
 * changed pixels; the sampled one ({@link #sample}) only which tiles may differ.
 *
 * <p>Rows are compared with the JDK's vectorised mismatch ({@link Shadow#mismatch}): an unchanged
 * row costs one call at memory speed. In the exact compare a mismatch marks its tile dirty and the
 * compare resumes at the next tile, so a changed tile costs one compare per row; packed frames are
 * first compared a whole band of tile rows at a time. The compare that finds a tile's first
 * difference in a row also gives the changed pixels' left edge, and the right edge is walked while
 * the row is in cache, so dirty tiles come out shrunk.
 *
 * <p>Not thread-safe: its differ owns it.
 */
final class TileCompare {
    private final Shadow shadow;
    private final int tile;
    private final int width;
    private final int height;
    private final int bpp;
    private final int rowBytes;
    private final int tileCols;
    // Per tile column of the current band: first and last dirty row (-1 when clean) and the
    // leftmost and rightmost changed pixel (tile-relative), found while the rows are compared.
    private final int[] firstRow;
    private final int[] lastRow;
    private final int[] leftPx;
    private final int[] rightPx;
    private final List<Rect> dirty = new ArrayList<>();

    TileCompare(Shadow shadow) {
        this.shadow = shadow;
        this.tile = shadow.tile;
        this.width = shadow.width;
        this.height = shadow.height;
        this.bpp = shadow.bpp;
        this.rowBytes = shadow.rowBytes;
        this.tileCols = shadow.tileCols;
        this.firstRow = new int[tileCols];
        this.lastRow = new int[tileCols];
        this.leftPx = new int[tileCols];
        this.rightPx = new int[tileCols];
    }

    /**
     * The dirty tiles of {@code src} (rows {@code stride} apart) band by band, neighbours in a band
     * with the same rows and touching edges merged. Only the tiles marked in {@code candidates}
     * (all when null) are compared, and none in rows that lie inside a destination of
     * {@code applied} (moves already shifted into the shadow: their bytes equal the source). The
     * list is reused by the next call.
     */
    List<Rect> changed(ByteBuffer src, int stride, TileMask candidates, List<Move> applied) {
        ByteBuffer a = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        // Packed rows: one compare covers a whole band of rows (one call per 64 rows instead of
        // per row); a band that differs is rescanned row by row from its first differing row.
        boolean packed = stride == rowBytes && candidates == null;
        dirty.clear();
        int startBand = 0;
        if (packed) {
            // An unchanged frame costs exactly one compare of all its bytes.
            int m = shadow.mismatch(a, 0, 0, height * rowBytes);
            startBand = m < 0 ? height : m / rowBytes / tile * tile;
        }
        for (int bandY = startBand; bandY < height; bandY += tile) {
            if (candidates != null && !candidates.anyInRow(bandY / tile)) {
                continue;
            }
            int bandH = Math.min(tile, height - bandY);
            int firstY = bandY;
            if (packed) {
                int m = shadow.mismatch(a, bandY * rowBytes, bandY * rowBytes, bandH * rowBytes);
                if (m < 0) {
                    continue;
                }
                firstY = bandY + m / rowBytes;
            }
            if (scanBand(a, stride, bandY, firstY, bandY + bandH, candidates, applied)) {
                addBand();
            }
        }
        return dirty;
    }

    /** Compares rows [{@code firstY}, {@code endY}) of the band at {@code bandY}; true when any differed. */
    private boolean scanBand(ByteBuffer a, int stride, int bandY, int firstY, int endY,
            TileMask candidates, List<Move> applied) {
        Arrays.fill(firstRow, -1);
        Arrays.fill(leftPx, Integer.MAX_VALUE);
        Arrays.fill(rightPx, -1);
        boolean bandDirty = false;
        int row = bandY / tile;
        for (int y = firstY; y < endY; y++) {
            if (candidates == null) {
                bandDirty |= scanRow(a, stride, y, 0, tileCols);
                continue;
            }
            for (int col = 0; col < tileCols; col++) {
                if (candidates.marked(col, row) && !insideAny(applied, col, y)) {
                    // One compare over each run of neighbouring candidate tiles.
                    int end = col + 1;
                    while (end < tileCols && candidates.marked(end, row) && !insideAny(applied, end, y)) {
                        end++;
                    }
                    bandDirty |= scanRow(a, stride, y, col, end);
                    col = end;
                }
            }
        }
        return bandDirty;
    }

    /** Adds the dirty tiles of the band just scanned, left to right. */
    private void addBand() {
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
                dirty.set(dirty.size() - 1, open);
            } else {
                open = r;
                dirty.add(r);
            }
        }
    }

    /** Whether tile column {@code col} of row {@code y} lies inside a destination of one of {@code moves}. */
    private boolean insideAny(List<Move> moves, int col, int y) {
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
     * Compares row {@code y} of tile columns [{@code fromCol}, {@code toCol}) with the shadow and
     * records, per differing column, its first and last dirty row and its leftmost and rightmost
     * changed pixel; true when any differed. The compare that finds a column's first difference
     * gives its left edge; its right edge is walked from the tile's right end, only past the edge
     * found so far, while the row is still in cache.
     */
    private boolean scanRow(ByteBuffer a, int stride, int y, int fromCol, int toCol) {
        int srcRow = y * stride;
        int shRow = y * rowBytes;
        int from = fromCol * tile * bpp;
        int end = Math.min(toCol * tile, width) * bpp;
        boolean dirty = false;
        while (from < end) {
            int m = shadow.mismatch(a, srcRow + from, shRow + from, end - from);
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
                if (!shadow.samePixel(a, srcRow + off, shRow + off)) {
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
     * The sampled look ({@link TileDiffer#sampleRows}): compares every {@code step}-th row from
     * {@code fromRow} of {@code src} (rows {@code stride} apart), only inside the tiles marked in
     * {@code only} (all when null), and marks in {@code out} the tile of each differing row, and
     * the tile beyond where the row is closer than {@code step} rows to its edge.
     */
    void sample(ByteBuffer src, int stride, int fromRow, int step, TileMask out, TileMask only) {
        ByteBuffer a = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int y = fromRow; y < height; y += step) {
            int row = y / tile;
            if (only == null) {
                sampleRun(a, stride, y, 0, tileCols, step, out);
            } else if (only.anyInRow(row)) {
                for (int col = 0; col < tileCols; col++) {
                    if (only.marked(col, row)) {
                        int end = col + 1;
                        while (end < tileCols && only.marked(end, row)) {
                            end++;
                        }
                        sampleRun(a, stride, y, col, end, step, out);
                        col = end;
                    }
                }
            }
        }
    }

    /** Compares row {@code y} of tile columns [{@code fromCol}, {@code toCol}) and marks the tiles it differs in. */
    private void sampleRun(ByteBuffer a, int stride, int y, int fromCol, int toCol, int step, TileMask out) {
        int srcRow = y * stride;
        int shRow = y * rowBytes;
        int row = y / tile;
        int inTile = y % tile;
        int from = fromCol * tile * bpp;
        int end = Math.min(toCol * tile, width) * bpp;
        while (from < end) {
            int m = shadow.mismatch(a, srcRow + from, shRow + from, end - from);
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
