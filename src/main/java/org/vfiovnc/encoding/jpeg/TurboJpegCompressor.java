package org.vfiovnc.encoding.jpeg;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * libjpeg-turbo through its TurboJPEG C API (Debian libturbojpeg0), bound with JNA. The rectangle's rows are
 * copied once into native memory kept from call to call: a Java array argument would be copied in and,
 * since JNA cannot know the callee only reads it, copied back out as well.
 */
public final class TurboJpegCompressor implements JpegCompressor {
    private static final TurboJpegLibrary LIB = TurboJpegLibrary.LIB;

    private final Pointer handle;
    private Memory staging;

    private TurboJpegCompressor(Pointer handle) {
        this.handle = handle;
    }

    /** Whether libturbojpeg could be loaded. */
    public static boolean available() {
        return LIB != null;
    }

    /** A compressor, or null when the library is absent. */
    public static TurboJpegCompressor create() {
        if (LIB == null) {
            return null;
        }
        Pointer h = LIB.tjInitCompress();
        return h == null ? null : new TurboJpegCompressor(h);
    }

    @Override
    public byte[] compress(int[] rgb, int offset, int stride, int width, int height, int quality, boolean subsample) {
        long bytes = 4L * width * height;
        if (staging == null || staging.size() < bytes) {
            staging = new Memory(bytes);
        }
        if (stride == width) {
            staging.write(0, rgb, offset, width * height);
        } else {
            for (int y = 0; y < height; y++) {
                staging.write(4L * y * width, rgb, offset + y * stride, width);
            }
        }
        PointerByReference buf = new PointerByReference();
        NativeLongByReference size = new NativeLongByReference(new NativeLong(0));
        int rc = LIB.tjCompress2(handle, staging, width, width * 4, height, TurboJpegLibrary.TJPF_BGRX, buf, size,
                subsample ? TurboJpegLibrary.TJSAMP_420 : TurboJpegLibrary.TJSAMP_444, quality, 0);
        Pointer p = buf.getValue();
        try {
            if (rc != 0) {
                throw new IllegalStateException("tjCompress2 failed: " + LIB.tjGetErrorStr2(handle));
            }
            return p.getByteArray(0, (int) size.getValue().longValue());
        } finally {
            if (p != null) {
                LIB.tjFree(p);
            }
        }
    }

    @Override
    public String name() {
        return "libjpeg-turbo";
    }

    @Override
    public void close() {
        LIB.tjDestroy(handle);
    }
}
