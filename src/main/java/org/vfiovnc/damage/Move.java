package org.vfiovnc.damage;

import org.vfiovnc.surface.Rect;

/**
 * Pixels that moved between two frames: the new frame's {@code destination} holds exactly what the
 * previous frame had at {@code source} (same size). A viewer that showed the previous frame can
 * copy them itself (RFB CopyRect) instead of receiving them again.
 */
public record Move(Rect source, Rect destination) {
    public Move {
        if (source.width() != destination.width() || source.height() != destination.height()) {
            throw new IllegalArgumentException("move " + source + " -> " + destination + " changes size");
        }
    }

    /** A vertical move of {@code area}'s pixels from {@code dy} rows above (dy > 0) or below (dy < 0). */
    public static Move vertical(Rect destination, int dy) {
        return new Move(new Rect(destination.x(), destination.y() - dy, destination.width(), destination.height()), destination);
    }

    public int dx() {
        return destination.x() - source.x();
    }

    public int dy() {
        return destination.y() - source.y();
    }
}
