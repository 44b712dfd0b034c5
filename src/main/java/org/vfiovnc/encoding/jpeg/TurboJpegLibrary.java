package org.vfiovnc.encoding.jpeg;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import org.vfiovnc.nativelib.NativeLibraries;

/** The subset of turbojpeg.h (Debian libturbojpeg0) the server calls, bound with JNA; loaded once. */
interface TurboJpegLibrary extends Library {
    int TJPF_BGRX = 3;
    int TJSAMP_444 = 0;
    int TJSAMP_420 = 2;

    /** The library, or null when it cannot be loaded. */
    TurboJpegLibrary LIB = Loader.load();

    Pointer tjInitCompress();

    int tjCompress2(Pointer handle, Pointer src, int width, int pitch, int height, int pixelFormat,
                    PointerByReference jpegBuf, NativeLongByReference jpegSize, int subsamp, int quality, int flags);

    int tjEncodeYUVPlanes(Pointer handle, Pointer src, int width, int pitch, int height, int pixelFormat,
                          Pointer[] dstPlanes, int[] strides, int subsamp, int flags);

    void tjFree(Pointer buffer);

    int tjDestroy(Pointer handle);

    String tjGetErrorStr2(Pointer handle);

    /** Holds the loading out of the interface's constant initialiser. */
    final class Loader {
        private Loader() {}

        static TurboJpegLibrary load() {
            try {
                return NativeLibraries.load(TurboJpegLibrary.class, "libturbojpeg.so.0", "turbojpeg");
            } catch (UnsatisfiedLinkError e) {
                return null;
            }
        }
    }
}
