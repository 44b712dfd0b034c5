package org.vfiovnc.source.dmabuf;

/**
 * One single-plane dma-buf as a device hands it over: the fd (owned by the caller, who keeps it open
 * until it calls {@link DmaBufReader#forget}), the plane geometry, the DRM fourcc and format modifier
 * (0 = linear), and the size the exporter reported (0 when unknown; the fd's real size is checked too).
 */
public record DmaBuf(int fd, int width, int height, int stride, int offset, int fourcc, long modifier, long size) {
}
