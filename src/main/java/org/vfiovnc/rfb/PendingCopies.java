package org.vfiovnc.rfb;

import java.util.List;
import org.vfiovnc.damage.CopyTracker;
import org.vfiovnc.damage.Move;
import org.vfiovnc.damage.Region;
import org.vfiovnc.surface.Rect;

/**
 * Moves (scrolls) a viewer can copy itself with CopyRect, in order: one frame's worth at most,
 * sent before the damage. Not thread-safe: {@link UpdateState} calls it under its lock.
 */
final class PendingCopies {
    private List<Move> pending = List.of();

    boolean isEmpty() {
        return pending.isEmpty();
    }

    void clear() {
        pending = List.of();
    }

    /**
     * Takes a frame's moves while none wait. They become copies up to the first whose source holds
     * lossy (JPEG) pixels: copied, those would never be refreshed at the destination. Returns the
     * damage the viewer needs besides the copies: {@code afterMoves}, the part of the
     * {@code undelivered} damage the copies carry along, and the destinations of the moves not copied.
     */
    Region accept(List<Move> moves, Region afterMoves, Region undelivered, LossyAreas lossy) {
        int n = 0;
        while (n < moves.size() && !lossy.touches(moves.get(n).source())) {
            n++;
        }
        List<Move> copies = moves.subList(0, n);
        Region rest = afterMoves.copy();
        rest.add(CopyTracker.staleAfter(undelivered, copies));
        for (Move m : moves.subList(n, moves.size())) {
            rest.add(m.destination());
        }
        pending = List.copyOf(copies);
        return rest;
    }

    /**
     * The copies for an update of {@code area}, all or none: when one reaches outside it, or the
     * viewer takes CopyRect no more, their destinations go into {@code damage} as pixels instead.
     */
    List<Move> take(Rect area, boolean copyRect, Region damage) {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<Move> moves = pending;
        pending = List.of();
        boolean inside = copyRect;
        for (Move m : moves) {
            inside &= area.contains(m.source()) && area.contains(m.destination());
        }
        if (inside) {
            return moves;
        }
        for (Move m : moves) {
            damage.add(m.destination());
        }
        return List.of();
    }
}
