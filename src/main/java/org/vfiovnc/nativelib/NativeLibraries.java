package org.vfiovnc.nativelib;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Loads the native libraries the server binds with JNA: by the ABI soname first (present with the
 * runtime package alone, e.g. libturbojpeg.so.0), then by the short name (the -dev package's link).
 */
public final class NativeLibraries {
    private NativeLibraries() {}

    /** @throws UnsatisfiedLinkError when neither name loads (the first failure is attached) */
    public static <T extends Library> T load(Class<T> type, String soname, String shortName) {
        try {
            return Native.load(soname, type);
        } catch (UnsatisfiedLinkError first) {
            try {
                return Native.load(shortName, type);
            } catch (UnsatisfiedLinkError second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }
}
