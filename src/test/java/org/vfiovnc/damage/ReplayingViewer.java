package org.vfiovnc.damage;

import org.vfiovnc.surface.Rect;

/** What a viewer does with an update, on a plain pixel array: CopyRect moves, then pixels. */
final class ReplayingViewer {
    private ReplayingViewer() {}

    /** Copies a move's source onto its destination inside {@code fb} (overlap-safe, like a viewer's CopyRect). */
    static void copy(int[] fb, int width, Move m) {
        Rect s = m.source();
        int[] tmp = new int[s.width() * s.height()];
        for (int y = 0; y < s.height(); y++) {
            System.arraycopy(fb, (s.y() + y) * width + s.x(), tmp, y * s.width(), s.width());
        }
        Rect t = m.destination();
        for (int y = 0; y < t.height(); y++) {
            System.arraycopy(tmp, y * t.width(), fb, (t.y() + y) * width + t.x(), t.width());
        }
    }

    /** Copies the pixels of {@code pixels} from the server's framebuffer {@code fb} into {@code viewer}. */
    static void send(int[] fb, int[] viewer, int width, Region pixels) {
        for (Rect r : pixels.rects()) {
            for (int y = r.y(); y < r.bottom(); y++) {
                System.arraycopy(fb, y * width + r.x(), viewer, y * width + r.x(), r.width());
            }
        }
    }

    /** Delivers what {@code tracker} holds (its moves, then its damage from {@code fb}) and clears it. */
    static void deliver(CopyTracker tracker, int[] fb, int[] viewer, int width) {
        for (Move m : tracker.moves()) {
            copy(viewer, width, m);
        }
        send(fb, viewer, width, tracker.damage());
        tracker.clear();
    }
}
