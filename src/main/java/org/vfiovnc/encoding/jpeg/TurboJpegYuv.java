package org.vfiovnc.encoding.jpeg;

import com.sun.jna.Pointer;

/**
 * libjpeg-turbo's RGB to Y'CbCr 4:2:0 step on its own (tjEncodeYUVPlanes): JPEG's colour, the BT.601
 * matrix at full range, written by its SIMD code straight into planes the caller owns. A video encoder
 * takes these planes as they are when its stream says so (matrix BT.601, full range).
 *
 * <p>Not thread-safe: one handle, one thread at a time. {@link #close()} frees it.
 */
public final class TurboJpegYuv implements AutoCloseable {
    private static final TurboJpegLibrary LIB = TurboJpegLibrary.LIB;

    private final Pointer handle;
    private final Pointer[] planes = new Pointer[3];
    private final int[] strides = new int[3];

    private TurboJpegYuv(Pointer handle) {
        this.handle = handle;
    }

    /** Whether libturbojpeg could be loaded. */
    public static boolean available() {
        return LIB != null;
    }

    /** A converter, or null when the library is absent. */
    public static TurboJpegYuv create() {
        if (LIB == null) {
            return null;
        }
        Pointer h = LIB.tjInitCompress();
        return h == null ? null : new TurboJpegYuv(h);
    }

    /**
     * Converts {@code width x height} pixels (even sizes; 0x00RRGGBB little-endian, so B, G, R, X bytes,
     * rows {@code pitch} bytes apart from {@code src}) into a luma plane and two quarter-size chroma planes.
     */
    public void convert(Pointer src, int width, int pitch, int height, Pointer luma, int lumaStride,
                        Pointer cb, int cbStride, Pointer cr, int crStride) {
        if ((width & 1) != 0 || (height & 1) != 0) {
            throw new IllegalArgumentException("4:2:0 planes from an odd area " + width + "x" + height);
        }
        planes[0] = luma;
        planes[1] = cb;
        planes[2] = cr;
        strides[0] = lumaStride;
        strides[1] = cbStride;
        strides[2] = crStride;
        int rc = LIB.tjEncodeYUVPlanes(handle, src, width, pitch, height, TurboJpegLibrary.TJPF_BGRX, planes, strides,
                TurboJpegLibrary.TJSAMP_420, 0);
        if (rc != 0) {
            throw new IllegalStateException("tjEncodeYUVPlanes failed: " + LIB.tjGetErrorStr2(handle));
        }
    }

    @Override
    public void close() {
        LIB.tjDestroy(handle);
    }
}
