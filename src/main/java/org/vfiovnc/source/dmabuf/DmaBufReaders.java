package org.vfiovnc.source.dmabuf;

import org.vfiovnc.source.SourceException;

/** Creates readers by name; a reader that cannot start says why in a {@link SourceException}. */
public final class DmaBufReaders {
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
        try {
            return EglDmaBufReader.open();
        } catch (SourceException e) {
            throw e;
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            throw new SourceException("egl readback unavailable: " + (e.getMessage() != null ? e.getMessage() : e), e);
        }
    }
}
