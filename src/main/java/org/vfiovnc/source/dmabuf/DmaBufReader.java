package org.vfiovnc.source.dmabuf;

/**
 * Turns a dma-buf into pixels the server can read. Implementations may keep per-buffer state
 * (mappings, EGL images) keyed by the buffer's fd until {@link #forget} is called.
 */
public interface DmaBufReader extends AutoCloseable {

    /** Short name for logs and probe output, e.g. "mmap" or "egl". */
    String name();

    /**
     * The buffer's current content as a surface. The surface stays valid until the next read of
     * the same buffer, {@link #forget} of it, or {@link #close}.
     */
    org.vfiovnc.surface.DisplaySurface read(DmaBuf buf, long serial) throws java.io.IOException;

    /** Drops everything kept for this buffer; called before its fd is closed. */
    void forget(DmaBuf buf);

    /** Releases everything. */
    @Override
    void close();
}
