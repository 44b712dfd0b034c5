package org.vfiovnc.display;

import org.vfiovnc.damage.Move;
import org.vfiovnc.damage.Region;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.Framebuffer;

/**
 * What a refresh loop tells each viewer session. Calls come from the loop's thread and must return
 * quickly: merge, signal, never encode or write to a socket here.
 */
public interface DisplayListener {

    /** A new framebuffer (first frame, a new size or layout, or the no-signal notice): all of it is new. */
    void framebufferReplaced(Framebuffer fb);

    /** Pixels inside {@code damage} of the current framebuffer changed. The region is the caller's: copy it. */
    void damaged(Region damage);

    /**
     * Like {@link #damaged(Region)}, with the moves that explain part of it (e.g. a scroll): a
     * viewer that showed the previous frame may copy them, in order (CopyRect, see
     * {@link CopyTracker}), and then needs only {@code afterMoves} instead of all of
     * {@code damage}. The default ignores the moves.
     */
    default void damaged(Region damage, java.util.List<Move> moves, Region afterMoves) {
        damaged(damage);
    }

    /** Whether this listener uses the moves of {@link #damaged(Region, java.util.List, Region)}: finding them costs CPU. */
    default boolean wantsMoves() {
        return false;
    }

    /**
     * Whether this listener shows the screen to someone (a viewer). While no listener does, the
     * loop looks at the source only at its idle pace, however busy the screen, and compares no
     * pixels: nobody would see the changes it finds. A listener that only counts them (metrics)
     * says false, and hears of changes only while someone watches.
     */
    default boolean watches() {
        return true;
    }

    /** The pointer shape or position changed. */
    default void cursorChanged(CursorState cursor) {}

    /** The source's state changed (e.g. lost, no signal, back). */
    default void stateChanged(DisplayState state, String detail) {}
}
