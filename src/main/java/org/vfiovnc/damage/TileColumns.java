package org.vfiovnc.damage;

import org.vfiovnc.surface.Rect;

/**
 * An area cut into columns at tile edges: a scroll is voted on and verified per column, so that
 * a column whose rows repeat still moves with the others and one that did not move stays out.
 */
final class TileColumns {
    final int count;
    /** Left edge of each column, and the area's right edge at {@code x[count]}. */
    final int[] x;

    TileColumns(Rect area, int tile) {
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
