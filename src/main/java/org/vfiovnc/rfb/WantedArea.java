package org.vfiovnc.rfb;

import org.vfiovnc.surface.Rect;

/**
 * The part of the screen a viewer wants updates for: its FramebufferUpdateRequests since its last
 * update, merged, and while they are on, the area of its continuous updates. Not thread-safe:
 * {@link UpdateState} calls it under its lock.
 */
final class WantedArea {
    private Rect requested;
    private boolean continuous;
    private Rect continuousArea;

    /** The area wanted now, or null when the viewer waits for nothing. */
    Rect area() {
        Rect area = requested;
        if (continuous && continuousArea != null && !continuousArea.isEmpty()) {
            area = area == null ? continuousArea : area.union(continuousArea);
        }
        return area;
    }

    /** Whether new damage is worth waking the sender for. */
    boolean waiting() {
        return requested != null || continuous;
    }

    void request(Rect r) {
        requested = requested == null ? r : requested.union(r);
    }

    /** An update went out: the requests are answered (continuous updates go on). */
    void answered() {
        requested = null;
    }

    /** Turns continuous updates on for {@code r}; returns whether they were off. */
    boolean continuousOn(Rect r) {
        continuousArea = r;
        boolean wasOff = !continuous;
        continuous = true;
        return wasOff;
    }

    /** Turns continuous updates off; returns whether they were on. */
    boolean continuousOff() {
        boolean wasOn = continuous;
        continuous = false;
        continuousArea = null;
        return wasOn;
    }

    Rect continuousArea() {
        return continuousArea;
    }

    /** The screen is now {@code bounds} (a new framebuffer or size): continuous updates cover all of it. */
    void screenIs(Rect bounds) {
        if (continuousArea != null) {
            continuousArea = bounds;
        }
    }
}
