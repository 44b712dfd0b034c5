package org.vfiovnc.source.dmabuf;

import java.lang.reflect.InvocationTargetException;
import org.vfiovnc.source.SourceException;

/**
 * Creates readers by name. The EGL reader is looked up by class name so that builds without it
 * still compile and say clearly that it is missing.
 */
public final class DmaBufReaders {
    static final String EGL_CLASS = "org.vfiovnc.source.dmabuf.EglDmaBufReader";

    private DmaBufReaders() {}

    /** "mmap" or "egl". */
    public static DmaBufReader create(String name) throws SourceException {
        switch (name) {
            case "mmap":
                return new MmapDmaBufReader();
            case "egl":
                return egl();
            default:
                throw new IllegalArgumentException("unknown readback '" + name + "'; expected auto, mmap or egl");
        }
    }

    private static DmaBufReader egl() throws SourceException {
        Class<?> c;
        try {
            c = Class.forName(EGL_CLASS);
        } catch (ClassNotFoundException e) {
            throw new SourceException("egl readback not available in this build");
        }
        try {
            return (DmaBufReader) c.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            throw new SourceException("egl readback unavailable: " + (t.getMessage() != null ? t.getMessage() : t), t);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new SourceException("egl readback unavailable: " + e, e);
        }
    }
}
