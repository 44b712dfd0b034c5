package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.Rect;

/**
 * The shadow kept twice: as the source's own bytes in packed rows (what new frames are compared
 * with) and converted into the framebuffer. For layouts whose pixels the framebuffer cannot stand
 * in for byte for byte (16 and 24 bits, red and blue swapped), and for frames whose rows do not
 * start on 4-byte boundaries.
 */
final class SourceBytesStore implements ShadowStore {
    private final int width;
    private final int bpp;
    private final int rowBytes;
    private final PixelLayout layout;
    private final boolean maskX;
    private final byte[] bytes;
    /** Little-endian like the source's view, so that rows read as longs hash alike in both. */
    private final ByteBuffer buf;
    private final int[] fb;

    SourceBytesStore(Framebuffer framebuffer, PixelLayout layout) {
        this.width = framebuffer.width();
        this.layout = layout;
        this.bpp = layout.bytesPerPixel();
        this.rowBytes = width * bpp;
        this.maskX = layout.isCanonical32();
        this.bytes = new byte[Math.multiplyExact(rowBytes, framebuffer.height())];
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.fb = framebuffer.pixels();
    }

    @Override
    public int mismatch(ByteBuffer src, int srcFrom, int from, int len) {
        return Shadow.mismatch(src, srcFrom, buf, from, len);
    }

    @Override
    public boolean samePixel(ByteBuffer src, int srcOff, int off) {
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

    @Override
    public long hash(int off, int len) {
        return RowHash.of(buf, off, len, maskX);
    }

    @Override
    public void copyIn(ByteBuffer src, int stride, Rect r) {
        int len = r.width() * bpp;
        for (int row = r.y(); row < r.bottom(); row++) {
            int d = row * rowBytes + r.x() * bpp;
            src.get(row * stride + r.x() * bpp, bytes, d, len);
            layout.toCanonical(bytes, d, fb, row * width + r.x(), r.width());
        }
    }

    @Override
    public void shift(Move m) {
        Rect d = m.destination();
        int dy = m.dy();
        int len = d.width() * bpp;
        // Rows overlap when the distance is smaller than the height: copy away from the direction of travel.
        for (int i = 0; i < d.height(); i++) {
            int row = dy > 0 ? d.bottom() - 1 - i : d.y() + i;
            System.arraycopy(bytes, (row - dy) * rowBytes + d.x() * bpp, bytes, row * rowBytes + d.x() * bpp, len);
            System.arraycopy(fb, (row - dy) * width + d.x(), fb, row * width + d.x(), d.width());
        }
    }
}
