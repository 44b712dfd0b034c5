package org.vfiovnc.display;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vfiovnc.damage.Move;
import org.vfiovnc.damage.Region;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.Framebuffer;

/**
 * The listeners of one display and what they were told last: the current framebuffer, the pointer
 * and how many changes of the pixels were published. Listeners attach and detach from any thread;
 * the refresh loop's thread publishes (and the watchdog's, while that thread is stuck in a call).
 */
final class ListenerFanOut {
    private final CopyOnWriteArrayList<DisplayListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Framebuffer current;
    private volatile CursorState cursor;
    private volatile long publications;

    void add(DisplayListener l) {
        listeners.add(l);
    }

    void remove(DisplayListener l) {
        listeners.remove(l);
    }

    /** The framebuffer last handed to the listeners; null before the first. */
    Framebuffer current() {
        return current;
    }

    Optional<CursorState> cursor() {
        return Optional.ofNullable(cursor);
    }

    /** See {@link RefreshLoop#publications()}. */
    long publications() {
        return publications;
    }

    /** Whether any listener shows the screen to someone ({@link DisplayListener#watches()}). */
    boolean watched() {
        for (DisplayListener l : listeners) {
            if (l.watches()) {
                return true;
            }
        }
        return false;
    }

    /** Whether any listener uses moves ({@link DisplayListener#wantsMoves()}). */
    boolean wantsMoves() {
        for (DisplayListener l : listeners) {
            if (l.wantsMoves()) {
                return true;
            }
        }
        return false;
    }

    /** A new framebuffer: all of it is new. */
    void replaced(Framebuffer fb) {
        current = fb;
        publications++;
        for (DisplayListener l : listeners) {
            l.framebufferReplaced(fb);
        }
    }

    /** Pixels of the current framebuffer changed (already written). */
    void damaged(Region damage, List<Move> moves, Region afterMoves) {
        publications++;
        for (DisplayListener l : listeners) {
            l.damaged(damage, moves, afterMoves);
        }
    }

    /** Passes on the source's pointer when it is new (another serial than the last one passed on). */
    void cursor(Optional<CursorState> c) {
        if (c != null && c.isPresent() && (cursor == null || cursor.serial() != c.get().serial())) {
            cursor = c.get();
            for (DisplayListener l : listeners) {
                l.cursorChanged(cursor);
            }
        }
    }

    void stateChanged(DisplayState s, String detail) {
        for (DisplayListener l : listeners) {
            l.stateChanged(s, detail);
        }
    }
}
