package org.vfiovnc.source.dmabuf;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vfiovnc.source.linux.LibC;

/** A memfd mapped shared into this process: the tests' stand-in for a device's dma-buf (llvmpipe imports it as one). */
final class Memfd implements AutoCloseable {
    final int fd;
    final long size;
    private final Pointer address;
    private final ByteBuffer bytes;

    Memfd(String name, long size) {
        this.fd = LibC.INSTANCE.memfd_create(name, LibC.MFD_CLOEXEC);
        this.size = size;
        LibC.INSTANCE.ftruncate(fd, size);
        this.address = LibC.INSTANCE.mmap(null, new NativeLong(size), LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd, 0);
        this.bytes = address.getByteBuffer(0, size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The shared mapping: writes here are what an importer sees. */
    ByteBuffer bytes() {
        return bytes;
    }

    @Override
    public void close() {
        LibC.INSTANCE.munmap(address, new NativeLong(size));
        LibC.INSTANCE.close(fd);
    }
}
