package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import org.vfiovnc.surface.Rect;

/**
 * Where a {@link Shadow} keeps the last frame's pixels and how new frames are compared with them.
 * Offsets and lengths are in bytes of the source's layout, in both the source and the shadow,
 * whichever form the store holds. Sources are little-endian views with absolute reads.
 */
interface ShadowStore {
    /** The first byte in which {@code len} bytes of {@code src} from {@code srcFrom} differ from the shadow's from {@code from}; -1 when none. */
    int mismatch(ByteBuffer src, int srcFrom, int from, int len);

    /** Whether the pixel at {@code srcOff} of the source equals the shadow's at {@code off}. */
    boolean samePixel(ByteBuffer src, int srcOff, int off);

    /** {@link RowHash} of {@code len} bytes of the shadow from {@code off}. */
    long hash(int off, int len);

    /** Takes in {@code r} of the source (rows {@code stride} apart), converted into the framebuffer too. */
    void copyIn(ByteBuffer src, int stride, Rect r);

    /** Applies a vertical move to the shadow (and the framebuffer): its source rows onto its destination rows. */
    void shift(Move m);
}
