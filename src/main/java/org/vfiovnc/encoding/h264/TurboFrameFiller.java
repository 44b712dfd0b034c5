package org.vfiovnc.encoding.h264;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.vfiovnc.encoding.jpeg.TurboJpegYuv;
import org.vfiovnc.surface.Rect;

/**
 * libjpeg-turbo's SIMD conversion ({@link TurboJpegYuv}: BT.601, full range) straight into the frame's I420
 * planes: a 720p picture in about two thirds of the Java converter's time, a third of it the copy (Yuv420Bench).
 * The changed area, widened to whole 2x2 blocks, is copied once into native memory (JNA hands no Java array
 * to C uncopied; the padding column and row of an odd size repeat the last ones, as {@link Yuv420Picture}
 * does), then converted into the planes at its place.
 */
final class TurboFrameFiller implements FrameFiller {
    private final TurboJpegYuv turbo;
    private final int width;
    private final int height;
    private final int codedWidth;
    private final int codedHeight;
    private Memory staging;
    /** The planes hold a whole picture: later calls may convert only what changed. */
    private boolean filled;
    private boolean closed;

    private TurboFrameFiller(TurboJpegYuv turbo, int width, int height) {
        this.turbo = turbo;
        this.width = width;
        this.height = height;
        this.codedWidth = width + 1 & ~1;
        this.codedHeight = height + 1 & ~1;
    }

    /** A filler, or null when libturbojpeg is absent. */
    static TurboFrameFiller create(int width, int height) {
        TurboJpegYuv turbo = TurboJpegYuv.create();
        return turbo == null ? null : new TurboFrameFiller(turbo, width, height);
    }

    @Override
    public void fill(int[] pixels, int offset, int stride, Rect changed, Pointer[] planes, int[] lines) {
        Rect area = changed == null || !filled ? new Rect(0, 0, width, height) : changed;
        // x0 on a multiple of four: libjpeg-turbo rounds alternate chroma columns up and down, so an area
        // converted alone must start on the same alternation as the whole picture.
        int x0 = Math.max(0, area.x()) & ~3;
        int y0 = Math.max(0, area.y()) & ~1;
        int x1 = Math.min(codedWidth, Math.min(width, area.x() + area.width()) + 1 & ~1);
        int y1 = Math.min(codedHeight, Math.min(height, area.y() + area.height()) + 1 & ~1);
        if (x1 <= x0 || y1 <= y0) {
            return;
        }
        int w = x1 - x0;
        int h = y1 - y0;
        stage(pixels, offset, stride, x0, y0, w, h);
        turbo.convert(staging, w, 4 * w, h, planes[0].share((long) y0 * lines[0] + x0), lines[0],
                planes[1].share((long) (y0 >> 1) * lines[1] + (x0 >> 1)), lines[1],
                planes[2].share((long) (y0 >> 1) * lines[2] + (x0 >> 1)), lines[2]);
        filled = true;
    }

    /** Copies the area's rows into native memory; a column or row past the picture repeats its last one. */
    private void stage(int[] pixels, int offset, int stride, int x0, int y0, int w, int h) {
        long bytes = 4L * w * h;
        if (staging == null || staging.size() < bytes) {
            staging = new Memory(bytes);
        }
        int inside = Math.min(w, width - x0);
        for (int row = 0; row < h; row++) {
            int from = offset + Math.min(y0 + row, height - 1) * stride + x0;
            long at = 4L * row * w;
            staging.write(at, pixels, from, inside);
            if (inside < w) {
                staging.setInt(at + 4L * inside, pixels[from + inside - 1]);
            }
        }
    }

    @Override
    public YuvColour colour() {
        return YuvColour.BT601_FULL;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            turbo.close();
        }
    }
}
