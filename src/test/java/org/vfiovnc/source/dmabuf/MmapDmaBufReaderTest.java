package org.vfiovnc.source.dmabuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import org.junit.jupiter.api.Test;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.source.linux.LibC;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/**
 * The mmap readback on real kernel mappings. A memfd stands in for the dma-buf fd (these hosts
 * have no dma-buf exporter; the guest tests use mbochs' real ones): padded stride and offset,
 * live updates, a size that is not page aligned (mbochs' case) and geometry checks.
 */
class MmapDmaBufReaderTest {
    private static final LibC C = LibC.INSTANCE;

    private static int memfd(long size) {
        int fd = C.memfd_create("dmabuf-test", LibC.MFD_CLOEXEC);
        C.ftruncate(fd, size);
        return fd;
    }

    private static void putPixel(int fd, long at, int xrgb) {
        Memory m = new Memory(4);
        m.setInt(0, xrgb); // XR24 is little-endian B, G, R, X
        C.pwrite(fd, m, new NativeLong(4), at);
    }

    @Test
    void readsPaddedStrideAndOffsetExactlyAndLive() throws Exception {
        int w = 100;
        int h = 50;
        int stride = 448;
        int offset = 4096;
        long size = (offset + (long) stride * h + 4095) / 4096 * 4096; // page aligned, unlike the next test
        int fd = memfd(size);
        try (MmapDmaBufReader r = new MmapDmaBufReader()) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    putPixel(fd, offset + (long) y * stride + x * 4L, (x << 16) | (y << 8) | (x ^ y));
                }
            }
            DmaBuf buf = new DmaBuf(fd, w, h, stride, offset, PixelLayout.XR24.fourcc(), 0, size);
            DisplaySurface s = r.read(buf, 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals((x << 16) | (y << 8) | (x ^ y), s.canonicalPixel(x, y), "pixel " + x + "," + y);
                }
            }
            putPixel(fd, offset + 7L * stride + 9 * 4, 0xabcdef);
            assertEquals(0xabcdef, r.read(buf, 2).canonicalPixel(9, 7), "the mapping is live");
            r.forget(buf);
        } finally {
            C.close(fd);
        }
    }

    @Test
    void unalignedSizeKeepsWhatCanBeMappedAndBlacksTheTail() throws Exception {
        int w = 800;
        int h = 600; // 1,920,000 bytes: the last 3,072 lie beyond the last whole page
        long size = (long) w * 4 * h;
        int fd = memfd(size);
        try (MmapDmaBufReader r = new MmapDmaBufReader()) {
            putPixel(fd, 0, 0x123456);
            putPixel(fd, (long) (h - 2) * w * 4 + 5 * 4, 0x654321);
            putPixel(fd, size - 4, 0xffffff);
            DisplaySurface s = r.read(new DmaBuf(fd, w, h, w * 4, 0, PixelLayout.XR24.fourcc(), 0, size), 1);
            assertEquals(0x123456, s.canonicalPixel(0, 0));
            assertEquals(0x654321, s.canonicalPixel(5, h - 2));
            assertEquals(0, s.canonicalPixel(w - 1, h - 1), "unreachable tail shows black");
        } finally {
            C.close(fd);
        }
    }

    @Test
    void refusesBuffersTooSmallOrTiled() {
        int fd = memfd(8192);
        try (MmapDmaBufReader r = new MmapDmaBufReader()) {
            SourceException small = assertThrows(SourceException.class,
                    () -> r.read(new DmaBuf(fd, 100, 100, 400, 0, PixelLayout.XR24.fourcc(), 0, 8192), 1));
            assertTrue(small.getMessage().contains("cannot hold"), small.getMessage());
            SourceException tiled = assertThrows(SourceException.class,
                    () -> r.read(new DmaBuf(fd, 10, 10, 40, 0, PixelLayout.XR24.fourcc(), 0x0100000000000001L, 8192), 1));
            assertTrue(tiled.getMessage().contains("linear"), tiled.getMessage());
        } finally {
            C.close(fd);
        }
    }
}
