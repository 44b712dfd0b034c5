package org.vfiovnc.damage;

import java.util.ArrayList;
import java.util.List;
import org.vfiovnc.surface.Rect;

/**
 * What one viewer still needs, as moves it can copy itself plus pixels it must be sent. A move is
 * kept only when the viewer's copy will be right: the parts of its source the viewer has not
 * received yet are re-sent at their moved position. One frame's moves are pending at most; the
 * next frame's moves before the update goes out become plain damage. An update sends the moves first (CopyRect
 * copies from what the viewer shows), then the damage.
 *
 * <p>Not thread-safe: the owning session synchronises.
 */
public final class CopyTracker {
    private final Region damage = new Region();
    private final List<Move> moves = new ArrayList<>();

    /** Pixels changed that were not moved. */
    public void damaged(Region changed) {
        damage.add(changed);
    }

    /**
     * A frame's damage with the moves the differ found in it (each destination inside
     * {@code changed}) and what remains to send after them ({@code afterMoves}).
     */
    public void damaged(Region changed, List<Move> found, Region afterMoves) {
        if (found.isEmpty() || !moves.isEmpty()) {
            damage.add(changed);
            return;
        }
        damage.add(staleAfter(damage, found));
        moves.addAll(found);
        damage.add(afterMoves);
    }

    /**
     * Where a viewer's undelivered pixels ({@code pending}) land when it copies {@code copies} in
     * order: pixels not yet delivered inside a source arrive, stale, at its destination, and must
     * be sent there too. (The pending pixels themselves stay owed: a destination overwritten from
     * a right source is sent again, which is only extra.)
     */
    public static Region staleAfter(Region pending, List<Move> copies) {
        Region wrong = pending.copy();
        Region stale = new Region();
        for (Move m : copies) {
            Region moved = new Region();
            for (Rect r : wrong.rects()) {
                Rect i = r.intersect(m.source());
                if (!i.isEmpty()) {
                    moved.add(new Rect(i.x() + m.dx(), i.y() + m.dy(), i.width(), i.height()));
                }
            }
            wrong.add(moved);
            stale.add(moved);
        }
        return stale;
    }

    /** Everything is new (new framebuffer): forget moves, all pixels are damage. */
    public void replaced(Rect all) {
        moves.clear();
        damage.clear();
        damage.add(all);
    }

    public boolean isEmpty() {
        return moves.isEmpty() && damage.isEmpty();
    }

    /** The moves to send first, in order. */
    public List<Move> moves() {
        return List.copyOf(moves);
    }

    /** The pixels to send after the moves. */
    public Region damage() {
        return damage.copy();
    }

    /** The viewer was sent the moves and damage taken (call after writing the update). */
    public void clear() {
        moves.clear();
        damage.clear();
    }

    /**
     * Drops the pending moves, turning their destinations into damage: for viewers that cannot do
     * CopyRect, or when only part of the damage can be sent.
     */
    public void flattenMoves() {
        for (Move m : moves) {
            damage.add(m.destination());
        }
        moves.clear();
    }
}
