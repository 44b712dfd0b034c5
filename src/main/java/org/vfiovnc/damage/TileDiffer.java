package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.Rect;

/**
 * Finds what changed between frames of a source that reports no damage. It keeps a shadow copy of
 * the source's bytes (packed rows) and compares each new frame row by row with
 * {@link ByteBuffer#mismatch}, which the JDK vectorises: an unchanged row costs one call at memory
 * speed. A mismatch marks its tile dirty and the scan resumes at the next tile, so a changed tile
 * costs one compare per row. Dirty tiles are then shrunk to the changed pixels, copied into the
 * shadow and converted into the canonical {@link Framebuffer}.
 *
 * <p>Not thread-safe: one refresh loop owns it.
 */
public final class TileDiffer {
    public static final int DEFAULT_TILE = 64;

    private final int tile;
    private final int width;
    private final int height;
    private final PixelLayout layout;
    private final int bpp;
    private final int rowBytes;
    private final byte[] shadow;
    private final ByteBuffer shadowBuf;
    private final Framebuffer framebuffer;
    private final int tileCols;
    // Per tile column of the current band: first and last dirty row, -1 when clean.
    private final int[] firstRow;
    private final int[] lastRow;
    private boolean primed;

    public TileDiffer(int width, int height, PixelLayout layout) {
        this(width, height, layout, DEFAULT_TILE);
    }

    public TileDiffer(int width, int height, PixelLayout layout, int tile) {
        if (tile < 8 || tile > 256) {
            throw new IllegalArgumentException("tile size " + tile);
        }
        this.tile = tile;
        this.width = width;
        this.height = height;
        this.layout = layout;
        this.bpp = layout.bytesPerPixel();
        this.rowBytes = width * bpp;
        this.shadow = new byte[Math.multiplyExact(rowBytes, height)];
        this.shadowBuf = ByteBuffer.wrap(shadow).order(ByteOrder.LITTLE_ENDIAN);
        this.framebuffer = new Framebuffer(width, height);
        this.tileCols = (width + tile - 1) / tile;
        this.firstRow = new int[tileCols];
        this.lastRow = new int[tileCols];
    }

    public Framebuffer framebuffer() {
        return framebuffer;
    }

    /** Whether frames of {@code s} can be diffed against this differ's shadow. */
    public boolean accepts(DisplaySurface s) {
        return s.width() == width && s.height() == height && s.layout() == layout;
    }

    /**
     * Compares {@code s} with the shadow, brings shadow and framebuffer up to date and returns the
     * changed area. The first call returns the whole screen.
     */
    public Region diff(DisplaySurface s) {
        if (!accepts(s)) {
            throw new IllegalArgumentException("surface " + s + " does not match differ " + width + "x" + height + " " + layout);
        }
        Region damage = new Region();
        ByteBuffer src = s.pixels().duplicate();
        if (!primed) {
            Rect all = new Rect(0, 0, width, height);
            copyIn(src, s.stride(), all);
            damage.add(all);
            primed = true;
            return damage;
        }
        ByteBuffer a = src.duplicate();
        ByteBuffer b = shadowBuf.duplicate();
        for (int bandY = 0; bandY < height; bandY += tile) {
            int bandH = Math.min(tile, height - bandY);
            boolean bandDirty = false;
            java.util.Arrays.fill(firstRow, -1);
            for (int y = bandY; y < bandY + bandH; y++) {
                int srcRow = y * s.stride();
                int shRow = y * rowBytes;
                int from = 0;
                while (from < rowBytes) {
                    int m = mismatch(a, srcRow + from, b, shRow + from, rowBytes - from);
                    if (m < 0) {
                        break;
                    }
                    int col = (from + m) / bpp / tile;
                    if (firstRow[col] < 0) {
                        firstRow[col] = y;
                    }
                    lastRow[col] = y;
                    bandDirty = true;
                    from = (col + 1) * tile * bpp;
                }
            }
            if (bandDirty) {
                for (int col = 0; col < tileCols; col++) {
                    if (firstRow[col] >= 0) {
                        Rect changed = shrink(a, s.stride(), col * tile, firstRow[col],
                                Math.min(tile, width - col * tile), lastRow[col] - firstRow[col] + 1);
                        copyIn(src, s.stride(), changed);
                        damage.add(changed);
                    }
                }
            }
        }
        return damage;
    }

    /** Narrows a dirty tile's columns to the first and last differing pixel. */
    private Rect shrink(ByteBuffer src, int stride, int x, int y, int w, int h) {
        int left = w;
        int right = -1;
        for (int row = y; row < y + h; row++) {
            int s = row * stride + x * bpp;
            int d = row * rowBytes + x * bpp;
            for (int i = 0; i < left; i++) {
                if (!samePixel(src, s + i * bpp, d + i * bpp)) {
                    left = i;
                    break;
                }
            }
            for (int i = w - 1; i > right && i >= left; i--) {
                if (!samePixel(src, s + i * bpp, d + i * bpp)) {
                    right = i;
                    break;
                }
            }
        }
        if (right < left) {
            // The source changed back between the scan and now: still refresh the scanned rows.
            return new Rect(x, y, w, h);
        }
        return new Rect(x + left, y, right - left + 1, h);
    }

    private boolean samePixel(ByteBuffer src, int s, int d) {
        for (int k = 0; k < bpp; k++) {
            if (src.get(s + k) != shadow[d + k]) {
                return false;
            }
        }
        return true;
    }

    private void copyIn(ByteBuffer src, int stride, Rect r) {
        int[] fb = framebuffer.pixels();
        int len = r.width() * bpp;
        for (int row = r.y(); row < r.bottom(); row++) {
            int d = row * rowBytes + r.x() * bpp;
            src.get(row * stride + r.x() * bpp, shadow, d, len);
            layout.toCanonical(shadowBuf, d, fb, row * width + r.x(), r.width());
        }
    }

    private static int mismatch(ByteBuffer a, int aFrom, ByteBuffer b, int bFrom, int len) {
        a.limit(aFrom + len).position(aFrom);
        b.limit(bFrom + len).position(bFrom);
        int m = a.mismatch(b);
        a.clear();
        b.clear();
        return m;
    }
}
