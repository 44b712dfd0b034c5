package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * The shadow kept once, as the framebuffer's canonical pixels, for sources in a canonical 32-bit
 * layout (XR24, AR24): such a pixel read as a little-endian int is the canonical pixel plus a
 * fourth byte, so new frames are compared with the framebuffer itself and a 1080p display needs
 * 8 MB less. Rows are compared as ints with {@link IntBuffer#mismatch}, which the JDK vectorises
 * as it does bytes. That holds while the source leaves the fourth byte zero (Xvfb, the demo
 * source); one that keeps something there (an opaque alpha, say) makes every pixel look different
 * to that compare. Such a difference is checked again without the fourth byte, pixel by pixel,
 * which costs about twice the vectorised compare, and the store reports the fourth byte it took in
 * ({@link #fourthByteSeen}) so that the shadow goes back to keeping the source's bytes
 * ({@link Shadow#keepSourceBytesIfFilled}).
 *
 * <p>Requires source rows on 4-byte boundaries ({@link Shadow#admit}).
 */
final class PixelsOnlyStore implements ShadowStore {
    private static final int RGB = 0xFFFFFF;

    private final int width;
    private final int[] fb;
    private final IntBuffer fbInts;
    /** The last source seen and its int view: a compare pass asks many times with the same buffer. */
    private ByteBuffer lastSrc;
    private IntBuffer lastSrcInts;
    /** The fourth bytes of all pixels taken in, ORed (0 while the source leaves them zero). */
    private int fourthBytes;

    PixelsOnlyStore(Framebuffer framebuffer) {
        this.width = framebuffer.width();
        this.fb = framebuffer.pixels();
        this.fbInts = IntBuffer.wrap(fb);
    }

    private IntBuffer ints(ByteBuffer src) {
        if (src != lastSrc) {
            lastSrc = src;
            lastSrcInts = src.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        }
        return lastSrcInts;
    }

    /** Drops the source view kept from the last pass (it may map memory the source gives back). */
    void forgetSource() {
        lastSrc = null;
        lastSrcInts = null;
    }

    @Override
    public int mismatch(ByteBuffer src, int srcFrom, int from, int len) {
        IntBuffer a = ints(src);
        int ai = srcFrom >> 2;
        int bi = from >> 2;
        int n = len >> 2;
        a.limit(ai + n).position(ai);
        fbInts.limit(bi + n).position(bi);
        int m = a.mismatch(fbInts);
        a.clear();
        fbInts.clear();
        if (m < 0) {
            return -1;
        }
        for (int i = m; i < n; i++) {
            if (((a.get(ai + i) ^ fb[bi + i]) & RGB) != 0) {
                return i << 2;
            }
        }
        return -1;
    }

    @Override
    public boolean samePixel(ByteBuffer src, int srcOff, int off) {
        return ((src.getInt(srcOff) ^ fb[off >> 2]) & RGB) == 0;
    }

    @Override
    public long hash(int off, int len) {
        return RowHash.ofPixels(fb, off, len);
    }

    @Override
    public void copyIn(ByteBuffer src, int stride, Rect r) {
        IntBuffer a = ints(src);
        int w = r.width();
        for (int row = r.y(); row < r.bottom(); row++) {
            int d = row * width + r.x();
            a.get((row * stride >> 2) + r.x(), fb, d, w);
            int seen = 0;
            for (int i = d; i < d + w; i++) {
                int v = fb[i];
                seen |= v;
                fb[i] = v & RGB;
            }
            fourthBytes |= seen >>> 24;
        }
    }

    /** Whether a pixel taken in had a fourth byte other than zero. */
    boolean fourthByteSeen() {
        return fourthBytes != 0;
    }

    /** The fourth bytes taken in, ORed: a source that fills them with one value gives that value. */
    int fourthBytes() {
        return fourthBytes;
    }

    @Override
    public void shift(Move m) {
        Rect d = m.destination();
        int dy = m.dy();
        for (int i = 0; i < d.height(); i++) {
            int row = dy > 0 ? d.bottom() - 1 - i : d.y() + i;
            System.arraycopy(fb, (row - dy) * width + d.x(), fb, row * width + d.x(), d.width());
        }
    }
}
