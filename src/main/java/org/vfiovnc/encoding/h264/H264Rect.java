package org.vfiovnc.encoding.h264;

import java.util.List;
import org.vfiovnc.encoding.OutBuffer;

/**
 * The body of an RFB H.264 rectangle (encoding 50, as noVNC and the community registry define it):
 * u32 length of the data, u32 flags, then {@code length} bytes of Annex-B NAL units. The decoder context
 * is keyed by the rectangle's x, y, width and height; the flags drop contexts before the data is decoded.
 */
public final class H264Rect {
    /** Drop this rectangle's decoder context first (the data must then start with an IDR). */
    public static final int RESET_CONTEXT = 1;
    /** Drop every decoder context of the viewer first. */
    public static final int RESET_ALL_CONTEXTS = 2;

    private H264Rect() {}

    /** Writes the body for {@code annexB} (may be empty: a context reset alone). */
    public static void write(OutBuffer out, byte[] annexB, int flags) {
        out.u32(annexB.length).u32(flags).bytes(annexB);
    }

    /**
     * Writes one body carrying several access units in decoding order (a viewer catching up on frames
     * it missed): decoders take them one after another and show the last.
     */
    public static void write(OutBuffer out, List<byte[]> units, int flags) {
        long length = 0;
        for (byte[] u : units) {
            length += u.length;
        }
        if (length > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("H.264 rectangle of " + length + " bytes");
        }
        out.ensure((int) length + 8);
        out.u32((int) length).u32(flags);
        for (byte[] u : units) {
            out.bytes(u);
        }
    }
}
