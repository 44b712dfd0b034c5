package org.vfiovnc.encoding.jpeg;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import org.vfiovnc.nativelib.NativeLibraries;

/** libjpeg-turbo through its TurboJPEG C API (Debian libturbojpeg0), bound with JNA. */
public final class TurboJpegCompressor implements JpegCompressor {
    private static final int TJPF_BGRX = 3;
    private static final int TJSAMP_444 = 0;
    private static final int TJSAMP_420 = 2;

    /** The subset of turbojpeg.h we call. */
    interface TurboJpeg extends Library {
        Pointer tjInitCompress();

        int tjCompress2(Pointer handle, int[] src, int width, int pitch, int height, int pixelFormat,
                        PointerByReference jpegBuf, NativeLongByReference jpegSize, int subsamp, int quality, int flags);

        void tjFree(Pointer buffer);

        int tjDestroy(Pointer handle);

        String tjGetErrorStr2(Pointer handle);
    }

    private static final TurboJpeg LIB = load();

    private final Pointer handle;
    private int[] staging = new int[0];

    private TurboJpegCompressor(Pointer handle) {
        this.handle = handle;
    }

    private static TurboJpeg load() {
        try {
            return NativeLibraries.load(TurboJpeg.class, "libturbojpeg.so.0", "turbojpeg");
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
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
        int[] src = rgb;
        int pitch = stride;
        if (offset != 0 || stride != width || rgb.length != width * height) {
            // JNA copies whole arrays to native memory: hand it only the rows of the rectangle.
            if (staging.length < width * height) {
                staging = new int[width * height];
            }
            for (int y = 0; y < height; y++) {
                System.arraycopy(rgb, offset + y * stride, staging, y * width, width);
            }
            src = staging;
            pitch = width;
        }
        PointerByReference buf = new PointerByReference();
        NativeLongByReference size = new NativeLongByReference(new NativeLong(0));
        int rc = LIB.tjCompress2(handle, src, width, pitch * 4, height, TJPF_BGRX, buf, size,
                subsample ? TJSAMP_420 : TJSAMP_444, quality, 0);
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
