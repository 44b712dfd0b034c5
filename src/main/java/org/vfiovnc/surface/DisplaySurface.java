package org.vfiovnc.surface;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One scanout as a source hands it over: geometry, layout and the pixel bytes. The buffer may be a
 * live mapping that the guest keeps writing, so readers must not assume it is stable between two
 * reads; it carries no damage information. {@code serial} grows whenever the source knows the
 * content or the buffer changed (sources that cannot know leave it constant; the differ finds out).
 */
public final class DisplaySurface {
    private final int width;
    private final int height;
    private final int stride;
    private final PixelLayout layout;
    private final ByteBuffer pixels;
    private final long serial;

    public DisplaySurface(int width, int height, int stride, PixelLayout layout, ByteBuffer pixels, long serial) {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("surface size out of range: " + width + "x" + height);
        }
        long rowBytes = (long) width * layout.bytesPerPixel();
        if (stride < rowBytes) {
            throw new IllegalArgumentException("stride " + stride + " is smaller than a row (" + rowBytes + " bytes)");
        }
        long needed = (long) stride * (height - 1) + rowBytes;
        if (pixels.capacity() < needed) {
            throw new IllegalArgumentException("pixel buffer holds " + pixels.capacity() + " bytes, "
                    + width + "x" + height + " " + layout.fourccName() + " with stride " + stride + " needs " + needed);
        }
        this.width = width;
        this.height = height;
        this.stride = stride;
        this.layout = layout;
        this.pixels = pixels;
        this.serial = serial;
    }

    public int width() { return width; }

    public int height() { return height; }

    /** Bytes from the start of one row to the next. */
    public int stride() { return stride; }

    public PixelLayout layout() { return layout; }

    /** The pixel bytes, row 0 at index 0. Use absolute gets; the position is not meaningful. */
    public ByteBuffer pixels() { return pixels; }

    public long serial() { return serial; }

    /** True when a client must be told of a new framebuffer size or layout. */
    public boolean sameGeometry(DisplaySurface other) {
        return other != null && other.width == width && other.height == height && other.layout == layout;
    }

    /** Reads pixel (x, y) as canonical 0x00RRGGBB (slow; for tests and diagnostics). */
    public int canonicalPixel(int x, int y) {
        int[] one = new int[1];
        layout.toCanonical(pixels, y * stride + x * layout.bytesPerPixel(), one, 0, 1);
        return one[0];
    }

    @Override
    public String toString() {
        return width + "x" + height + " " + layout.fourccName() + " stride " + stride + " serial " + serial;
    }
}
