package org.vfiovnc.rfb.video;

import org.vfiovnc.surface.Rect;

/**
 * A part of the screen sent as video: one decoder context at the viewer, keyed by its rectangle, so
 * the rectangle never changes while the area lives (a grown area is a new one).
 */
final class VideoArea {
    final Rect rect;
    /** When it became video (System.nanoTime). */
    final long born;
    /** When damage last touched it (System.nanoTime); written by the refresh loop only. */
    private volatile long lastChange;

    VideoArea(Rect rect, long now) {
        this.rect = rect;
        this.born = now;
        this.lastChange = now;
    }

    void changed(long now) {
        lastChange = now;
    }

    /** Whether it changed within {@code restNanos} before {@code now}. */
    boolean activeAt(long now, long restNanos) {
        return now - lastChange <= restNanos;
    }

    @Override
    public String toString() {
        return rect.toString();
    }
}
