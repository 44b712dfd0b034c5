package org.vfiovnc.damage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vfiovnc.surface.Rect;

/**
 * Groups changed rects into clusters of nearby tiles, where scrolls are looked for each on its own
 * (a scrolling window is one cluster, a clock or a cursor elsewhere another). Tiles cluster by the
 * grid, not by their shrunk rectangles: the changed pixels of text stop short of tile edges, which
 * would cut a terminal into columns.
 */
final class TileClusters {
    private TileClusters() {}

    /** Bounding boxes of groups of rects whose tiles (of size {@code tile}) are near (union-find on a small list). */
    static List<Rect> of(List<Rect> rects, int tile) {
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
        Map<Integer, Rect> boxes = new LinkedHashMap<>();
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
}
