package org.vfiovnc.source.dmabuf;

import java.io.IOException;

/** The exporter refuses CPU mappings of its dma-bufs (mmap EINVAL): read it back with EGL instead. */
public class CpuAccessForbiddenException extends IOException {
    public CpuAccessForbiddenException(String message) {
        super(message);
    }
}
