package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.vfiovnc.surface.Rect;

/**
 * The differ's side of scrolling: where in a frame to look for moves (clusters of nearby changed
 * or candidate tiles, see {@link TileClusters}), asking the {@link ScrollDetector} about each, and
 * applying the moves found to the {@link Shadow}. A move is verified byte for byte against the
 * shadow, so the shadow's and the framebuffer's own rows are shifted instead of the source being
 * read and converted again there.
 *
 * <p>Not thread-safe: its differ owns it.
 */
final class ScrollMoves {
    private final Shadow shadow;
    private final ScrollDetector detector;

    ScrollMoves(Shadow shadow) {
        this.shadow = shadow;
        this.detector = new ScrollDetector(shadow);
    }

    /**
     * Before any row compare of a sampled scan: checks the areas that scrolled last time, where
     * they hold candidate tiles, at that distance, and shifts the shadow where they moved again.
     * Their rows then equal the source and need no compare. Returns the moves applied, in order.
     */
    List<Move> repeated(ByteBuffer src, int stride, TileMask candidates) {
        List<ScrollDetector.Scrolling> last = detector.scrolling();
        if (last.isEmpty()) {
            return List.of();
        }
        List<Move> out = new ArrayList<>();
        for (Rect box : TileClusters.of(candidateRuns(candidates), shadow.tile)) {
            for (ScrollDetector.Scrolling s : last) {
                if (box.intersects(s.area())) {
                    detector.again(src, stride, box, s).ifPresent(out::add);
                    break;
                }
            }
        }
        return apply(independent(out));
    }

    /** Runs of neighbouring candidate tiles per tile row, as rects (clustered as changed tiles are). */
    private List<Rect> candidateRuns(TileMask candidates) {
        int tile = shadow.tile;
        List<Rect> runs = new ArrayList<>();
        for (int row = 0; row < shadow.tileRows; row++) {
            if (!candidates.anyInRow(row)) {
                continue;
            }
            for (int col = 0; col < shadow.tileCols; col++) {
                if (candidates.marked(col, row)) {
                    int end = col + 1;
                    while (end < shadow.tileCols && candidates.marked(end, row)) {
                        end++;
                    }
                    int y = row * tile;
                    runs.add(new Rect(col * tile, y, Math.min(end * tile, shadow.width) - col * tile,
                            Math.min(tile, shadow.height - y)));
                    col = end;
                }
            }
        }
        return runs;
    }

    /**
     * After the row compares, before the shadow takes in the changes: looks for a vertical scroll
     * in each cluster of the {@code changed} rects, and beside the moves found and the
     * {@code earlier} ones (from {@link #repeated}, already applied). Applies the new moves that
     * read no rows an earlier one writes and returns them, in order.
     */
    List<Move> find(ByteBuffer src, int stride, List<Rect> changed, List<Move> earlier) {
        // The earlier moves seed the neighbours' check too (their areas were left out of the
        // compares, so no cluster here holds them).
        List<Move> found = new ArrayList<>(earlier);
        List<Rect> boxes = TileClusters.of(changed, shadow.tile);
        for (Rect box : boxes) {
            // Narrow but tall clusters count: the last digit of a terminal's line numbers is one.
            if (box.height() >= 2 * ScrollDetector.MIN_ROWS && box.area() >= (long) shadow.tile * shadow.tile) {
                detector.find(src, stride, box).ifPresent(found::add);
            }
        }
        if (found.size() > earlier.size() && boxes.size() > 1 || !earlier.isEmpty()) {
            extendToNeighbours(src, stride, found, boxes);
        }
        // All were found against the same shadow: shifted one after another, none may read rows an earlier one wrote.
        return apply(independent(new ArrayList<>(found.subList(earlier.size(), found.size()))));
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
                Rect beside = new Rect(b.x(), top, b.width(), bottom - top);
                for (Rect dest : ScrollCheck.movedRows(src, stride, shadow, beside, m.dy())) {
                    found.add(Move.vertical(dest, m.dy()));
                    covered = true;
                }
            }
        }
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

    private List<Move> apply(List<Move> moves) {
        for (Move m : moves) {
            shadow.shift(m);
        }
        return moves;
    }

    /** Scroll votes taken so far; for tests. */
    long votes() {
        return detector.votes();
    }
}
