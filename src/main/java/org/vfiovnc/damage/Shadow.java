package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.Rect;

/**
 * The last frame the differ took in, kept twice: as the source's own bytes in packed rows (what
 * each new frame is compared with) and converted into the canonical {@link Framebuffer} (what the
 * encoders read). Both copies change together, so they always show the same frame. It also holds
 * the geometry every compare needs: size, bytes per pixel, row length and the tile grid.
 *
 * <p>Not thread-safe: its differ owns it.
 */
final class Shadow {
    final int width;
    final int height;
    final int bpp;
    final int rowBytes;
    final int tile;
    final int tileCols;
    final int tileRows;
    private final PixelLayout layout;
    private final byte[] bytes;
    /** Little-endian like the source's view, so that rows read as longs hash alike in both. */
    private final ByteBuffer buf;
    private final Framebuffer framebuffer;

    Shadow(int width, int height, PixelLayout layout, int tile) {
        this.width = width;
        this.height = height;
        this.layout = layout;
        this.bpp = layout.bytesPerPixel();
        this.rowBytes = width * bpp;
        this.tile = tile;
        this.tileCols = (width + tile - 1) / tile;
        this.tileRows = (height + tile - 1) / tile;
        this.bytes = new byte[Math.multiplyExact(rowBytes, height)];
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.framebuffer = new Framebuffer(width, height);
    }

    Framebuffer framebuffer() {
        return framebuffer;
    }

    /** Whether frames of {@code s} can be compared with this shadow. */
    boolean fits(DisplaySurface s) {
        return s.width() == width && s.height() == height && s.layout() == layout;
    }

    String describe() {
        return width + "x" + height + " " + layout;
    }

    /** Whether {@code m} has this shadow's tile grid. */
    boolean fits(TileMask m) {
        return m.cols() == tileCols && m.rows() == tileRows;
    }

    /** Byte offset of pixel ({@code x}, {@code y}) in the shadow. */
    int offset(int x, int y) {
        return y * rowBytes + x * bpp;
    }

    /** The shadow's bytes, for absolute reads (little-endian), such as hashing its rows. */
    ByteBuffer bytes() {
        return buf;
    }

    /**
     * A buffer of its own over the shadow's bytes, for one pass of row compares
     * ({@link #mismatch(ByteBuffer, int, ByteBuffer, int, int)} moves a buffer's position and limit).
     */
    ByteBuffer view() {
        return buf.duplicate();
    }

    /**
     * The first byte in which {@code len} bytes of the source from {@code srcFrom} differ from
     * the shadow's from {@code from}, counted from those offsets; -1 when they are the same.
     */
    int mismatch(ByteBuffer src, int srcFrom, int from, int len) {
        return mismatch(src, srcFrom, buf, from, len);
    }

    /** {@link ByteBuffer#mismatch} of {@code len} bytes from the two offsets (the buffers' positions and limits are reset). */
    static int mismatch(ByteBuffer a, int aFrom, ByteBuffer b, int bFrom, int len) {
        a.limit(aFrom + len).position(aFrom);
        b.limit(bFrom + len).position(bFrom);
        int m = a.mismatch(b);
        a.clear();
        b.clear();
        return m;
    }

    /** Whether the pixel at {@code srcOff} of the source equals the shadow's at {@code off}. */
    boolean samePixel(ByteBuffer src, int srcOff, int off) {
        if (bpp == 4) {
            return src.getInt(srcOff) == buf.getInt(off);
        }
        for (int k = 0; k < bpp; k++) {
            if (src.get(srcOff + k) != bytes[off + k]) {
                return false;
            }
        }
        return true;
    }

    /** Takes in {@code r} of the source (rows {@code stride} apart): its bytes, and its pixels converted. */
    void copyIn(ByteBuffer src, int stride, Rect r) {
        int[] fb = framebuffer.pixels();
        int len = r.width() * bpp;
        for (int row = r.y(); row < r.bottom(); row++) {
            int d = offset(r.x(), row);
            src.get(row * stride + r.x() * bpp, bytes, d, len);
            layout.toCanonical(bytes, d, fb, row * width + r.x(), r.width());
        }
    }

    /**
     * Applies a vertical move to both copies: its source rows onto its destination rows. Used for
     * moves verified byte for byte against this shadow, so the own rows are shifted instead of the
     * source being read and converted again there.
     */
    void shift(Move m) {
        Rect d = m.destination();
        int dy = m.dy();
        int[] fb = framebuffer.pixels();
        int len = d.width() * bpp;
        // Rows overlap when the distance is smaller than the height: copy away from the direction of travel.
        for (int i = 0; i < d.height(); i++) {
            int row = dy > 0 ? d.bottom() - 1 - i : d.y() + i;
            System.arraycopy(bytes, offset(d.x(), row - dy), bytes, offset(d.x(), row), len);
            System.arraycopy(fb, (row - dy) * width + d.x(), fb, row * width + d.x(), d.width());
        }
    }
}
