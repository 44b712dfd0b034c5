package org.vfiovnc.encoding.h264;

import com.sun.jna.Pointer;
import org.vfiovnc.surface.Rect;

/**
 * The Java converter ({@link Yuv420Picture}): BT.709, limited range, I420 or NV12. Converts into Java planes
 * kept from picture to picture, then copies each whole plane into the frame in one call.
 */
final class JavaFrameFiller implements FrameFiller {
    private final int width;
    private final int height;
    private final boolean nv12;
    private Yuv420Picture picture;

    JavaFrameFiller(int width, int height, boolean nv12) {
        this.width = width;
        this.height = height;
        this.nv12 = nv12;
    }

    @Override
    public void fill(int[] pixels, int offset, int stride, Rect changed, Pointer[] planes, int[] lines) {
        if (picture == null || picture.lumaStride() != lines[0] || picture.chromaStride() != lines[1]) {
            picture = new Yuv420Picture(width, height, lines[0], lines[1], nv12);
            changed = null;
        }
        if (changed == null) {
            picture.convert(pixels, offset, stride);
        } else {
            picture.convert(pixels, offset, stride, changed.x(), changed.y(), changed.width(), changed.height());
        }
        planes[0].write(0, picture.luma(), 0, picture.luma().length);
        planes[1].write(0, picture.cb(), 0, picture.cb().length);
        if (!nv12) {
            planes[2].write(0, picture.cr(), 0, picture.cr().length);
        }
    }

    @Override
    public YuvColour colour() {
        return YuvColour.BT709_LIMITED;
    }

    @Override
    public void close() {}
}
