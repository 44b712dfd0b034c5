package org.vfiovnc.source.dmabuf;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** lseek, to learn a dma-buf's real size (dma-bufs answer SEEK_END with their size). */
interface Posix extends Library {
    Posix INSTANCE = Native.load("c", Posix.class);

    int SEEK_SET = 0;
    int SEEK_CUR = 1;
    int SEEK_END = 2;
    int ESPIPE = 29;
    int EBADF = 9;

    long lseek(int fd, long offset, int whence) throws LastErrorException;
}
