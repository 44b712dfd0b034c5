package org.vfiovnc.source.qemudbus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Logger;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.source.dmabuf.CpuAccessForbiddenException;
import org.vfiovnc.source.dmabuf.DmaBuf;
import org.vfiovnc.source.dmabuf.DmaBufReader;
import org.vfiovnc.source.dmabuf.DmaBufReaders;
import org.vfiovnc.source.dmabuf.MmapDmaBufReader;
import org.vfiovnc.surface.DisplaySurface;

/**
 * Reads QEMU's dma-buf scanouts with the same readbacks as the VFIO source (auto: mmap for linear
 * buffers the exporter lets us map, else EGL) and turns bottom-up buffers (y0_top false) upright.
 */
final class DmaBufScanoutReader implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DmaBufScanoutReader.class.getName());

    private final String readback;
    private DmaBufReader reader;
    private ByteBuffer flipped;

    /** @param readback auto, mmap or egl */
    DmaBufScanoutReader(String readback) {
        this.readback = readback;
    }

    DisplaySurface read(DmaBuf buf, boolean y0Top, long serial) throws IOException {
        if (reader == null) {
            String name = readback.equals("auto") ? (MmapDmaBufReader.supports(buf) ? "mmap" : "egl") : readback;
            reader = DmaBufReaders.create(name);
            LOG.info("readback: " + reader.name() + " for QEMU's dma-buf scanout");
        }
        DisplaySurface s;
        try {
            s = reader.read(buf, serial);
        } catch (CpuAccessForbiddenException e) {
            if (!readback.equals("auto")) {
                throw new SourceException("--readback " + readback + ": " + e.getMessage(), e);
            }
            LOG.info("readback: switching to egl because " + e.getMessage());
            reader.close();
            reader = DmaBufReaders.create("egl");
            s = reader.read(buf, serial);
        }
        return y0Top ? s : flip(s);
    }

    private DisplaySurface flip(DisplaySurface s) {
        int size = s.stride() * s.height();
        if (flipped == null || flipped.capacity() != size) {
            flipped = ByteBuffer.allocateDirect(size);
        }
        // Whole rows of pixels only: a mapping may end right after the last row's pixels.
        int rowBytes = s.width() * s.layout().bytesPerPixel();
        for (int row = 0; row < s.height(); row++) {
            flipped.put(row * s.stride(), s.pixels(), (s.height() - 1 - row) * s.stride(), rowBytes);
        }
        return new DisplaySurface(s.width(), s.height(), s.stride(), s.layout(), flipped, s.serial());
    }

    /** Drops what the reader keeps for a buffer QEMU replaced (call before closing its fd). */
    void forget(DmaBuf buf) {
        if (reader != null) {
            reader.forget(buf);
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
