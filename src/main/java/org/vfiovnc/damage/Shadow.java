package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.util.logging.Logger;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.Rect;

/**
 * The last frame the differ took in: what each new frame is compared with, and the canonical
 * {@link Framebuffer} the encoders read, which always shows the same frame. Sources in a canonical
 * 32-bit layout are compared with the framebuffer itself ({@link PixelsOnlyStore}) while they leave
 * the fourth byte of their pixels zero; others, and those once they put something there, keep
 * their own bytes besides it ({@link SourceBytesStore}). It also holds the geometry every compare
 * needs: size, bytes per pixel, row length and the tile grid.
 *
 * <p>Not thread-safe: its differ owns it.
 */
final class Shadow {
    private static final Logger LOG = Logger.getLogger(Shadow.class.getName());

    final int width;
    final int height;
    final int bpp;
    final int rowBytes;
    final int tile;
    final int tileCols;
    final int tileRows;
    private final PixelLayout layout;
    private final Framebuffer framebuffer;
    private ShadowStore store;

    Shadow(int width, int height, PixelLayout layout, int tile) {
        this.width = width;
        this.height = height;
        this.layout = layout;
        this.bpp = layout.bytesPerPixel();
        this.rowBytes = Math.multiplyExact(width, bpp);
        this.tile = tile;
        this.tileCols = (width + tile - 1) / tile;
        this.tileRows = (height + tile - 1) / tile;
        Math.multiplyExact(rowBytes, height); // byte offsets into a frame are ints
        this.framebuffer = new Framebuffer(width, height);
        this.store = layout.isCanonical32() ? new PixelsOnlyStore(framebuffer) : new SourceBytesStore(framebuffer, layout);
    }

    Framebuffer framebuffer() {
        return framebuffer;
    }

    /** Whether frames of {@code s} can be compared with this shadow. */
    boolean fits(DisplaySurface s) {
        return s.width() == width && s.height() == height && s.layout() == layout;
    }

    /**
     * Readies the shadow for a frame with rows {@code stride} bytes apart: rows that do not start
     * on 4-byte boundaries cannot be read as ints, so the shadow then keeps the source's bytes. True
     * when it switched: it then holds nothing yet and the frame must be taken in whole.
     */
    boolean admit(int stride) {
        if ((stride & 3) != 0 && store instanceof PixelsOnlyStore) {
            store = new SourceBytesStore(framebuffer, layout);
            return true;
        }
        return false;
    }

    /**
     * After a frame's pixels were taken in: a source that put something in the fourth byte is
     * compared with its own bytes from now on (compared with the framebuffer, every pixel would
     * be checked twice). The whole frame {@code src} is then taken in, and true returned: the
     * caller reports the whole screen as changed, as parts of it not compared this time may be
     * newer than the framebuffer.
     */
    boolean keepSourceBytesIfFilled(ByteBuffer src, int stride) {
        if (!(store instanceof PixelsOnlyStore) || !((PixelsOnlyStore) store).fourthByteSeen()) {
            return false;
        }
        int fourth = ((PixelsOnlyStore) store).fourthBytes();
        store = new SourceBytesStore(framebuffer, layout);
        store.copyIn(src, stride, new Rect(0, 0, width, height));
        LOG.info(() -> String.format("the %s source fills the fourth byte of its pixels (0x%02x): a second copy of"
                + " the screen is kept to compare frames with (%d MB)", describe(), fourth, (long) rowBytes * height >> 20));
        return true;
    }

    /** Whether the shadow keeps the source's bytes besides the framebuffer; for tests. */
    boolean keepsSourceBytes() {
        return store instanceof SourceBytesStore;
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

    /**
     * The first byte in which {@code len} bytes of the source from {@code srcFrom} differ from
     * the shadow's from {@code from}, counted from those offsets; -1 when they are the same.
     */
    int mismatch(ByteBuffer src, int srcFrom, int from, int len) {
        return store.mismatch(src, srcFrom, from, len);
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
        return store.samePixel(src, srcOff, off);
    }

    /** The scroll-vote hash of {@code len} bytes of the source from {@code off}, as {@link #hash(int, int)} of the shadow's. */
    long sourceHash(ByteBuffer src, int off, int len) {
        return RowHash.of(src, off, len, layout.isCanonical32());
    }

    /** The scroll-vote hash of {@code len} bytes of the shadow from {@code off}. */
    long hash(int off, int len) {
        return store.hash(off, len);
    }

    /** Takes in {@code r} of the source (rows {@code stride} apart): into the framebuffer, and the source's bytes where kept. */
    void copyIn(ByteBuffer src, int stride, Rect r) {
        store.copyIn(src, stride, r);
    }

    /**
     * Applies a vertical move: its source rows onto its destination rows. Used for moves verified
     * byte for byte against this shadow, so the own rows are shifted instead of the source being
     * read and converted again there.
     */
    void shift(Move m) {
        store.shift(m);
    }

    /** Lets go of the source last compared (a store may keep a view of it within one pass). */
    void forgetSource() {
        if (store instanceof PixelsOnlyStore) {
            ((PixelsOnlyStore) store).forgetSource();
        }
    }
}
