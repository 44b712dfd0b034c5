package org.vfiovnc.source.qemudbus;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The size of a dma-buf QEMU hands over: ScanoutDMABUF does not say it, and the mmap readback needs
 * it; lseek(SEEK_END) on a dma-buf answers it (the position is restored, since it may be shared).
 */
final class FdSize {
    private interface Seek extends Library {
        Seek INSTANCE = Native.load("c", Seek.class);

        long lseek(int fd, long offset, int whence) throws LastErrorException;
    }

    private static final int SEEK_SET = 0;
    private static final int SEEK_CUR = 1;
    private static final int SEEK_END = 2;

    private FdSize() {}

    /** The fd's size, or 0 when it cannot be learned (the readers then check and say why). */
    static long of(int fd) {
        try {
            long position = Seek.INSTANCE.lseek(fd, 0, SEEK_CUR);
            long end = Seek.INSTANCE.lseek(fd, 0, SEEK_END);
            Seek.INSTANCE.lseek(fd, position, SEEK_SET);
            return Math.max(0, end);
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            return 0;
        }
    }
}
