package org.vfiovnc.source.dmabuf;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** Loads a library by its ABI soname first (present without -dev packages), then by its short name. */
final class NativeLoader {
    private NativeLoader() {}

    static <T extends Library> T load(Class<T> type, String soname, String shortName) {
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
