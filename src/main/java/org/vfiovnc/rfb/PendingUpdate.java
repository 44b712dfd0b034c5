package org.vfiovnc.rfb;

import java.util.List;
import org.vfiovnc.damage.Move;
import org.vfiovnc.encoding.Encoder;
import org.vfiovnc.rfb.video.VideoUpdate;
import org.vfiovnc.surface.CursorImage;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Everything one FramebufferUpdate will carry, taken from a session's state under its lock and
 * encoded outside it.
 *
 * @param framebuffer the pixels to read
 * @param resize      send DesktopSize/ExtendedDesktopSize first (the client's size changes)
 * @param cursor      a new cursor shape to send, or null
 * @param cursorAlpha send the cursor as CursorWithAlpha instead of Cursor
 * @param pseudo      other pseudo-rectangles (acknowledgements, LED state, SetDesktopSize replies)
 * @param moves       moves the viewer copies itself (CopyRect), written before any pixels
 * @param rects       damaged rectangles, disjoint, inside the framebuffer
 * @param refresh     rectangles sent lossy before, now to be sent lossless
 * @param encoder     the client's pixel encoder (used by the sender thread only)
 * @param extendedDesktopSize whether a resize goes out as ExtendedDesktopSize
 * @param lastRect    the client understands LastRect (used when the count does not fit 16 bits)
 * @param video       areas sent as H.264 frames (outside {@code rects} and {@code refresh})
 */
record PendingUpdate(Framebuffer framebuffer, boolean resize, CursorImage cursor, boolean cursorAlpha,
                     List<PseudoRect> pseudo, List<Move> moves, List<Rect> rects, List<Rect> refresh, Encoder encoder,
                     boolean extendedDesktopSize, boolean lastRect, VideoUpdate video) {

    /** An update without video. */
    PendingUpdate(Framebuffer framebuffer, boolean resize, CursorImage cursor, boolean cursorAlpha,
                  List<PseudoRect> pseudo, List<Move> moves, List<Rect> rects, List<Rect> refresh, Encoder encoder,
                  boolean extendedDesktopSize, boolean lastRect) {
        this(framebuffer, resize, cursor, cursorAlpha, pseudo, moves, rects, refresh, encoder, extendedDesktopSize,
                lastRect, VideoUpdate.NONE);
    }
}
