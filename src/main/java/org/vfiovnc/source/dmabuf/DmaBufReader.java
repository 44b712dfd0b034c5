package org.vfiovnc.source.dmabuf;

/**
 * Turns dma-bufs into pixels the differ can read. Implementations may keep per-buffer state (an
 * imported image, a mapping) between reads of the same buffer, so a device that flips between a few
 * buffers pays the set-up once per buffer.
 */
public interface DmaBufReader extends AutoCloseable {
    /** Short name for logs, e.g. "egl" or "mmap". */
    String name();

    /**
     * Reads the current content of {@code buf}. The returned surface's ByteBuffer belongs to the
     * reader and stays valid until the next {@code read} or {@code close}.
     *
     * @param serial the serial the surface carries (see {@link org.vfiovnc.surface.DisplaySurface#serial()})
     * @throws java.io.IOException when the buffer cannot be imported or read, with a message for the user
     */
    org.vfiovnc.surface.DisplaySurface read(DmaBuf buf, long serial) throws java.io.IOException;

    /** Releases what the reader keeps for {@code buf}; call it before closing the buffer's fd. */
    void forget(DmaBuf buf);

    /** Releases everything; the reader cannot be used afterwards. */
    @Override
    void close();
}
