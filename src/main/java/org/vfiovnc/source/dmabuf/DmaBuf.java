package org.vfiovnc.source.dmabuf;

/**
 * A single-plane dma-buf as a device exports it: the fd (owned by whoever made this record), the
 * picture geometry, the DRM fourcc and format modifier, and the buffer's byte size.
 */
public record DmaBuf(int fd, int width, int height, int stride, int offset, int fourcc, long modifier, long size) {
}
