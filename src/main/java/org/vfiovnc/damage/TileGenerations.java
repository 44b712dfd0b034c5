package org.vfiovnc.damage;

import java.util.concurrent.atomic.AtomicLongArray;
import org.vfiovnc.surface.Rect;

/**
 * A content version per cell of a fixed grid over the framebuffer, bumped whenever pixels in the
 * cell change. Encoded cells can then be cached under (cell, generation) and shared by every viewer
 * that sends the cell at that version, however far behind or ahead its own damage is.
 *
 * <p>The refresh loop bumps after writing the framebuffer; readers read a generation before
 * encoding, so a race caches newer pixels under an older generation, which the viewer's next damage
 * corrects — the same rule as for the framebuffer itself.
 */
public final class TileGenerations {
    private final int cell;
    private final int cols;
    private final int rows;
    private final int width;
    private final int height;
    private final AtomicLongArray gens;

    public TileGenerations(int width, int height, int cell) {
        this.cell = cell;
        this.width = width;
        this.height = height;
        this.cols = (width + cell - 1) / cell;
        this.rows = (height + cell - 1) / cell;
        this.gens = new AtomicLongArray(cols * rows);
    }

    public int cellSize() {
        return cell;
    }

    public int cellCount() {
        return cols * rows;
    }

    /** Marks every cell that {@code r} touches as changed. */
    public void bump(Rect r) {
        Rect c = r.intersect(new Rect(0, 0, width, height));
        if (c.isEmpty()) {
            return;
        }
        for (int row = c.y() / cell; row <= (c.bottom() - 1) / cell; row++) {
            for (int col = c.x() / cell; col <= (c.right() - 1) / cell; col++) {
                gens.incrementAndGet(row * cols + col);
            }
        }
    }

    public void bump(Region damage) {
        for (Rect r : damage.rects()) {
            bump(r);
        }
    }

    public long generation(int index) {
        return gens.get(index);
    }

    /** The pixels of cell {@code index} (edge cells are smaller). */
    public Rect cellRect(int index) {
        int x = index % cols * cell;
        int y = index / cols * cell;
        return new Rect(x, y, Math.min(cell, width - x), Math.min(cell, height - y));
    }

    /** Indexes of the cells that {@code damage} touches, row by row. */
    public int[] cellsOf(Region damage) {
        java.util.BitSet set = new java.util.BitSet(cols * rows);
        for (Rect r : damage.rects()) {
            Rect c = r.intersect(new Rect(0, 0, width, height));
            if (c.isEmpty()) {
                continue;
            }
            for (int row = c.y() / cell; row <= (c.bottom() - 1) / cell; row++) {
                set.set(row * cols + c.x() / cell, row * cols + (c.right() - 1) / cell + 1);
            }
        }
        return set.stream().toArray();
    }
}
