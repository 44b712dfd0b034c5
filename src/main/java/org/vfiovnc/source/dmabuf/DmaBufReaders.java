package org.vfiovnc.source.dmabuf;

import org.vfiovnc.source.SourceException;

/** Creates readers by name; a reader that cannot start says why in a {@link SourceException}. */
public final class DmaBufReaders {
    private DmaBufReaders() {}

    /** A reader of one concrete mode (mmap or egl; auto is {@link ChosenReader}'s to resolve). */
    public static DmaBufReader create(Readback mode) throws SourceException {
        switch (mode) {
            case MMAP:
                return new MmapDmaBufReader();
            case EGL:
                return egl();
            default:
                throw new IllegalArgumentException("readback " + mode + " names no single reader; resolve it on a buffer first");
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
