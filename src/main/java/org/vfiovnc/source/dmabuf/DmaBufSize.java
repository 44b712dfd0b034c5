package org.vfiovnc.source.dmabuf;

import com.sun.jna.LastErrorException;
import org.vfiovnc.source.linux.LibC;

/**
 * The real size of a dma-buf fd, by lseek(SEEK_END). A dma-buf accepts only SEEK_END and SEEK_SET
 * with offset 0 (SEEK_CUR is EINVAL), so the position cannot be saved and restored; it is put back
 * at the start, which costs nothing since nobody reads a dma-buf through its file position (and the
 * memfds the host tests use in its place are read through mappings too).
 */
public final class DmaBufSize {
    private DmaBufSize() {}

    /** The size in bytes; throws with the errno when the fd cannot seek (a pipe: ESPIPE). */
    public static long of(int fd) throws LastErrorException {
        long end = LibC.INSTANCE.lseek(fd, 0, LibC.SEEK_END);
        LibC.INSTANCE.lseek(fd, 0, LibC.SEEK_SET);
        return end;
    }

    /** The size, or 0 when it cannot be learned (the readers then check the geometry and say why). */
    public static long orZero(int fd) {
        try {
            return Math.max(0, of(fd));
        } catch (LastErrorException e) {
            return 0;
        }
    }
}
