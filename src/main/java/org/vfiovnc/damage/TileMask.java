package org.vfiovnc.damage;

import java.util.Arrays;

/**
 * A set of tiles of a differ's grid: the tiles a cheap first look found suspicious, which the exact
 * compare then examines. Keeps a per tile row flag so that clean bands are skipped without looking
 * at their columns.
 */
public final class TileMask {
    private final int cols;
    private final int rows;
    private final boolean[] tiles;
    private final boolean[] anyInRow;
    private int count;

    public TileMask(int cols, int rows) {
        if (cols <= 0 || rows <= 0) {
            throw new IllegalArgumentException("tile grid " + cols + "x" + rows);
        }
        this.cols = cols;
        this.rows = rows;
        this.tiles = new boolean[cols * rows];
        this.anyInRow = new boolean[rows];
    }

    public int cols() {
        return cols;
    }

    public int rows() {
        return rows;
    }

    /** Adds tile ({@code col}, {@code row}); positions outside the grid are ignored. */
    public void mark(int col, int row) {
        if (col < 0 || col >= cols || row < 0 || row >= rows) {
            return;
        }
        int i = row * cols + col;
        if (!tiles[i]) {
            tiles[i] = true;
            anyInRow[row] = true;
            count++;
        }
    }

    public boolean marked(int col, int row) {
        return tiles[row * cols + col];
    }

    public boolean anyInRow(int row) {
        return anyInRow[row];
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Number of marked tiles. */
    public int count() {
        return count;
    }

    public void clear() {
        if (count > 0) {
            Arrays.fill(tiles, false);
            Arrays.fill(anyInRow, false);
            count = 0;
        }
    }
}
