package org.vfiovnc.encoding;

import java.util.ArrayList;
import java.util.List;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Writes the body of one rectangle (everything after the 12-byte rectangle header) in one
 * encoding. An instance belongs to one client: stateful encodings (zlib streams) keep their state
 * across updates, as the protocol requires.
 */
public interface Encoder {

    /** The RFB encoding number written in the rectangle header. */
    int encoding();

    /**
     * Largest rectangle side this encoder wants in one piece; the update builder splits bigger
     * rectangles into tiles (keeps per-rect work and worst-case sizes bounded).
     */
    default int maxRectSide() {
        return 4096;
    }

    /** Cuts a damaged rectangle into pieces this encoder accepts (default: squares of {@link #maxRectSide()}). */
    default List<Rect> split(Rect r) {
        int side = maxRectSide();
        List<Rect> out = new ArrayList<>();
        for (int y = r.y(); y < r.bottom(); y += side) {
            for (int x = r.x(); x < r.right(); x += side) {
                out.add(new Rect(x, y, Math.min(side, r.right() - x), Math.min(side, r.bottom() - y)));
            }
        }
        return out;
    }

    void encode(Framebuffer fb, Rect r, PixelTranslator pixels, OutBuffer out);

    /**
     * Applies the viewer's settings: {@code compressLevel} is the zlib level 1..9 (what its
     * CompressLevel asks for), {@code jpegQualityLevel} its JPEG quality level 0..9 or -1 for none.
     * Encoders without such settings ignore them. Takes effect from the next rectangle.
     */
    default void configure(int compressLevel, int jpegQualityLevel) {}

    /**
     * While set, nothing goes out lossy (the lossless refresh of areas sent lossy before). Encoders
     * that are never lossy ignore it.
     */
    default void setLosslessOnly(boolean on) {}

    /** Whether the last rectangle encoded went out lossy (JPEG); the lossless refresh is due there later. */
    default boolean lastWasLossy() {
        return false;
    }

    /**
     * Whether what this encoder writes now may also go to other viewers with the same encoding,
     * pixel format and {@link #settings()}, and whether this viewer may take what another such
     * encoder wrote (after {@link #forgetHistory()} on both sides). Stateless encoders always can;
     * one with a zlib stream per connection only once its stream has started, because the zlib
     * header goes out once, in the viewer's own first block.
     */
    default boolean canShare() {
        return true;
    }

    /**
     * The viewer's decoder state is not what this encoder wrote (it took an update another encoder
     * wrote), or the next update goes to viewers whose decoders hold other histories: whatever
     * this encoder writes next must not refer to anything written before. Tight resets its zlib
     * streams (and says so in the next rectangle); ZRLE and Zlib start their next block with a full
     * flush. Stateless encoders ignore it.
     */
    default void forgetHistory() {}

    /**
     * What the bytes depend on besides the encoding and the pixel format (zlib level, JPEG quality):
     * viewers share updates only where this is equal.
     */
    default int settings() {
        return 0;
    }

    /** Frees native state (zlib streams); the session calls this once when it ends. */
    default void close() {}
}
