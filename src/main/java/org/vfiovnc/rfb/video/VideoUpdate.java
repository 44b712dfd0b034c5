package org.vfiovnc.rfb.video;

import java.util.List;
import org.vfiovnc.damage.Region;
import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * The video part of one viewer's update, planned under the session's lock ({@link ViewerVideo#plan})
 * and written by its sender: the areas whose damage goes as H.264 frames of the whole area.
 *
 * @param areas    the video areas to send, disjoint
 * @param quality  the viewer's quality level 0..9
 * @param resetAll the viewer's screen changed size since its last video: drop every decoder context first
 * @param viewer   whose memberships the frames come from
 */
public record VideoUpdate(List<Rect> areas, int quality, boolean resetAll, ViewerVideo viewer) {
    public static final VideoUpdate NONE = new VideoUpdate(List.of(), 0, false, null);

    /**
     * What went out: {@code video} the areas the viewer shows as video now (lossy until their
     * lossless refresh), {@code failed} those whose encoder failed (to send as pixels instead), and
     * the figures of the H.264 rectangles written.
     */
    public record Sent(List<Rect> video, List<Rect> failed, int rects, long bytes, long encodeNanos) {
        public static final Sent NOTHING = new Sent(List.of(), List.of(), 0, 0, 0);
    }

    public boolean isEmpty() {
        return areas.isEmpty();
    }

    /** {@code rects} without the video areas (their pixels go in the frames). */
    public List<Rect> outside(List<Rect> rects) {
        if (areas.isEmpty() || rects.isEmpty()) {
            return rects;
        }
        Region r = new Region();
        for (Rect x : rects) {
            r.add(x);
        }
        for (Rect a : areas) {
            r.subtract(a);
        }
        return r.rects();
    }

    /** Appends the H.264 rectangles to {@code out} (the sender thread). */
    public Sent write(Framebuffer fb, OutBuffer out) {
        return areas.isEmpty() ? Sent.NOTHING : viewer.write(this, fb, out);
    }
}
