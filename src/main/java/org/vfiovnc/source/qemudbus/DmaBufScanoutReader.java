package org.vfiovnc.source.qemudbus;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.vfiovnc.source.dmabuf.ChosenReader;
import org.vfiovnc.source.dmabuf.DmaBuf;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.surface.DisplaySurface;

/**
 * Reads QEMU's dma-buf scanouts with the same readbacks as the VFIO source (auto: mmap for linear
 * buffers the exporter lets us map, else EGL) and turns bottom-up buffers (y0_top false) upright.
 */
final class DmaBufScanoutReader implements AutoCloseable {
    private final ChosenReader reader;
    private ByteBuffer flipped;

    DmaBufScanoutReader(Readback readback) {
        this.reader = new ChosenReader(readback, "QEMU's dma-buf scanout");
    }

    DisplaySurface read(DmaBuf buf, boolean y0Top, long serial) throws IOException {
        DisplaySurface s = reader.read(buf, serial);
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
        reader.forget(buf);
    }

    @Override
    public void close() {
        reader.close();
    }
}
