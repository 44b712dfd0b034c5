package org.vfiovnc.source.qemudbus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiovnc.source.dmabuf.DmaBuf;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.source.linux.LibC;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/**
 * ScanoutDMABUF as QEMU sends it (an fd, geometry, fourcc, modifier, y0_top) read back through the
 * project's real readbacks: mmap, and EGL on Mesa's llvmpipe (which imports a memfd as a dma-buf;
 * these hosts have no GPU to make a real one). Bottom-up buffers must come out upright.
 */
class DmaBufScanoutTest {
    private static final LibC C = LibC.INSTANCE;

    @ParameterizedTest
    @CsvSource({"mmap, true", "mmap, false", "egl, true", "egl, false", "auto, false"})
    void dmabufScanoutIsReadExactlyAndUpright(String readback, boolean y0Top) throws Exception {
        int w = 60;
        int h = 48;
        int stride = 256; // padded rows; 3 whole pages (the mmap readback maps whole pages only)
        long size = (long) stride * h;
        int fd = C.memfd_create("qemu-scanout", LibC.MFD_CLOEXEC);
        C.ftruncate(fd, size);
        Memory m = new Memory(size);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // Row y of the buffer; with y0_top false it is screen row h-1-y.
                m.setInt((long) y * stride + x * 4L, pixel(x, y0Top ? y : h - 1 - y));
            }
        }
        C.pwrite(fd, m, new NativeLong(size), 0);

        ConsoleListener l = new ConsoleListener();
        l.scanoutDmabuf(new FileDescriptor(fd), new UInt32(w), new UInt32(h), new UInt32(stride),
                new UInt32(PixelLayout.XR24.fourcc()), new UInt64(0), y0Top);
        assertEquals(ConsoleListener.Mode.DMABUF, l.mode());
        DmaBuf buf = l.dmabuf();
        try (DmaBufScanoutReader r = new DmaBufScanoutReader(Readback.parse(readback))) {
            DisplaySurface s = r.read(buf, l.y0Top(), l.surfaceSerial());
            assertEquals(w, s.width());
            assertEquals(h, s.height());
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals(pixel(x, y) & 0xffffff, s.canonicalPixel(x, y), "pixel " + x + "," + y);
                }
            }
            r.forget(buf);
        } finally {
            C.close(fd);
        }
    }

    private static int pixel(int x, int y) {
        return (x * 4) << 16 | (y * 5) << 8 | ((x ^ y) & 0xff);
    }
}
