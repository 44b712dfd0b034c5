package org.vfiovnc.source.dmabuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiovnc.source.linux.LibC;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.testing.Tools;

/**
 * The EGL readback on the host's real Mesa (llvmpipe), with memfds standing in for a device's
 * dma-bufs: llvmpipe imports a memfd exactly like a linear dma-buf. Needs Mesa 25 (bookworm-backports);
 * without it the test fails with EGL's reason, it never skips.
 */
class EglDmaBufReaderTest {
    private static EglDmaBufReader reader;

    @BeforeAll
    static void openEgl() {
        try {
            reader = EglDmaBufReader.open();
        } catch (IOException e) {
            fail("EGL readback cannot start on this host — Mesa 25 from bookworm-backports not installed? "
                    + "Run .ci/setup.d/10-mesa-backports.sh. Reason: " + e.getMessage(), e);
        }
    }

    @AfterAll
    static void closeEgl() {
        if (reader != null) {
            reader.close();
        }
    }

    /** Every supported format, with rows padded past the pixels and the image starting at an offset. */
    @ParameterizedTest(name = "{0} {1}x{2} stride +{3} offset {4}")
    @CsvSource({
        "XR24, 67, 45, 52, 4096",
        "AR24, 67, 45, 12, 256",
        "XB24, 67, 45, 52, 4096",
        "AB24, 67, 45, 12, 256",
        "RG16, 67, 45, 50, 4096",
        "RG16, 640, 480, 64, 8192",
        "XR24, 1024, 768, 256, 4096",
    })
    void readbackEqualsTheBufferBytes(String fourcc, int width, int height, int padding, int offset) throws IOException {
        PixelLayout layout = PixelLayout.byName(fourcc).orElseThrow();
        int stride = width * layout.bytesPerPixel() + padding;
        long size = offset + (long) stride * height + 100;
        try (Memfd memfd = new Memfd("egl-test-" + fourcc, size)) {
            fillRandom(memfd.bytes(), new Random(width * 31L + height + offset));
            DmaBuf buf = new DmaBuf(memfd.fd, width, height, stride, offset, layout.fourcc(), 0, size);

            DisplaySurface surface = reader.read(buf, 7);

            assertEquals(width, surface.width());
            assertEquals(height, surface.height());
            assertEquals(7, surface.serial());
            assertSamePixels(memfd.bytes(), buf, layout, surface);
            reader.forget(buf);
        }
    }

    /** The import shares the memory: pixels written after the first read show in the next one, without a new import. */
    @Test
    void laterWritesAreVisibleWithoutReimport() throws IOException {
        int width = 200;
        int height = 120;
        int stride = width * 4 + 64;
        int offset = 4096;
        long size = offset + (long) stride * height;
        try (Memfd memfd = new Memfd("egl-test-live", size)) {
            Random random = new Random(5);
            fillRandom(memfd.bytes(), random);
            DmaBuf buf = new DmaBuf(memfd.fd, width, height, stride, offset, PixelLayout.XR24.fourcc(), 0, size);
            int before = reader.importedCount();
            assertSamePixels(memfd.bytes(), buf, PixelLayout.XR24, reader.read(buf, 1));

            fillRandom(memfd.bytes(), random);
            DisplaySurface second = reader.read(buf, 2);

            assertSamePixels(memfd.bytes(), buf, PixelLayout.XR24, second);
            assertEquals(before + 1, reader.importedCount(), "the second read must reuse the first import");
            reader.forget(buf);
            assertEquals(before, reader.importedCount(), "forget releases the import");
        }
    }

    @Test
    void bufferSmallerThanItsGeometryIsRefused() throws IOException {
        try (Memfd memfd = new Memfd("egl-test-small", 4096)) {
            // Reported size too small for 64 rows of 256 bytes.
            DmaBuf claimed = new DmaBuf(memfd.fd, 64, 64, 256, 0, PixelLayout.XR24.fourcc(), 0, 4096);
            IOException e = assertThrows(IOException.class, () -> reader.read(claimed, 0));
            assertTrue(e.getMessage().contains("too small") && e.getMessage().contains("16384"), e.getMessage());

            // Reported size large enough, but the fd itself is not: the real size wins.
            DmaBuf lying = new DmaBuf(memfd.fd, 64, 64, 256, 0, PixelLayout.XR24.fourcc(), 0, 1 << 20);
            e = assertThrows(IOException.class, () -> reader.read(lying, 0));
            assertTrue(e.getMessage().contains("too small") && e.getMessage().contains("fd holds 4096"), e.getMessage());

            // An offset that pushes the last row past the end.
            DmaBuf shifted = new DmaBuf(memfd.fd, 16, 16, 64, 3584, PixelLayout.XR24.fourcc(), 0, 4096);
            e = assertThrows(IOException.class, () -> reader.read(shifted, 0));
            assertTrue(e.getMessage().contains("too small"), e.getMessage());

            DmaBuf narrow = new DmaBuf(memfd.fd, 32, 8, 100, 0, PixelLayout.XR24.fourcc(), 0, 4096);
            e = assertThrows(IOException.class, () -> reader.read(narrow, 0));
            assertTrue(e.getMessage().contains("stride 100 is smaller than a row of 128 bytes"), e.getMessage());
            assertEquals(0, reader.importedCount(), "nothing refused may be imported");
        }
    }

    @Test
    void unknownFormatIsRefusedByName() throws IOException {
        try (Memfd memfd = new Memfd("egl-test-fourcc", 65536)) {
            int zzzz = 'Z' | 'Z' << 8 | 'Z' << 16 | 'Z' << 24;
            DmaBuf buf = new DmaBuf(memfd.fd, 16, 16, 64, 0, zzzz, 0, 65536);
            IOException e = assertThrows(IOException.class, () -> reader.read(buf, 0));
            assertTrue(e.getMessage().contains("ZZZZ") && e.getMessage().contains("not supported"), e.getMessage());
        }
    }

    /** A tiled modifier on a plain memory buffer: EGL itself refuses, and the reason reaches the caller. */
    @Test
    void modifierEglCannotImportGivesEglReason() throws IOException {
        long xTiled = 0x0100000000000001L; // I915_FORMAT_MOD_X_TILED
        try (Memfd memfd = new Memfd("egl-test-modifier", 65536)) {
            DmaBuf buf = new DmaBuf(memfd.fd, 16, 16, 512, 0, PixelLayout.XR24.fourcc(), xTiled, 65536);
            IOException e = assertThrows(IOException.class, () -> reader.read(buf, 0));
            assertTrue(e.getMessage().startsWith("EGL cannot import") && e.getMessage().contains("EGL_BAD"), e.getMessage());
        }
        // The reader still works after refusals.
        try (Memfd memfd = new Memfd("egl-test-after", 64 * 64 * 4)) {
            fillRandom(memfd.bytes(), new Random(9));
            DmaBuf buf = new DmaBuf(memfd.fd, 64, 64, 256, 0, PixelLayout.AB24.fourcc(), 0, 64 * 64 * 4);
            assertSamePixels(memfd.bytes(), buf, PixelLayout.AB24, reader.read(buf, 3));
            reader.forget(buf);
        }
    }

    /** The fallback platform on its own: an EGL device (Mesa's software device here) reads the same pixels. */
    @Test
    void devicePlatformReadsTheSamePixels() throws IOException {
        try (EglDmaBufReader device = EglDmaBufReader.open(List.of(HeadlessEgl.Platform.DEVICE));
             Memfd memfd = new Memfd("egl-test-device", 4096 + 100 * 70 * 4L)) {
            assertTrue(device.describe().startsWith("EGL device"), device.describe());
            fillRandom(memfd.bytes(), new Random(11));
            DmaBuf buf = new DmaBuf(memfd.fd, 90, 70, 400, 4096, PixelLayout.XR24.fourcc(), 0, memfd.size);
            assertSamePixels(memfd.bytes(), buf, PixelLayout.XR24, device.read(buf, 1));
        }
    }

    /** Two readers share one EGL display (EGL hands out one per platform); closing one leaves the other working. */
    @Test
    void closingOneReaderLeavesAnotherWorking() throws IOException {
        try (Memfd memfd = new Memfd("egl-test-two", 4096 + 64 * 260L)) {
            fillRandom(memfd.bytes(), new Random(13));
            DmaBuf buf = new DmaBuf(memfd.fd, 64, 64, 260, 4096, PixelLayout.XB24.fourcc(), 0, memfd.size);
            EglDmaBufReader second = EglDmaBufReader.open();
            assertSamePixels(memfd.bytes(), buf, PixelLayout.XB24, second.read(buf, 1));
            second.close();
            IOException e = assertThrows(IOException.class, () -> second.read(buf, 2));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());

            assertSamePixels(memfd.bytes(), buf, PixelLayout.XB24, reader.read(buf, 3));
            reader.forget(buf);
        }
    }

    /** An fd that is no buffer at all (a FIFO) is refused before EGL sees it. */
    @Test
    void fdWithoutSizeIsRefused(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        Tools.Result made = Tools.run(10, Tools.require("mkfifo", "coreutils"), fifo.toString());
        assertEquals(0, made.exitCode(), made.output());
        int fd = LibC.INSTANCE.open(fifo.toString(), LibC.O_RDWR | LibC.O_CLOEXEC);
        try {
            DmaBuf buf = new DmaBuf(fd, 16, 16, 64, 0, PixelLayout.XR24.fourcc(), 0, 4096);
            IOException e = assertThrows(IOException.class, () -> reader.read(buf, 0));
            assertTrue(e.getMessage().contains("cannot learn the buffer's size") && e.getMessage().contains("Illegal seek"),
                    e.getMessage());
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    private static void fillRandom(ByteBuffer bytes, Random random) {
        byte[] all = new byte[bytes.capacity()];
        random.nextBytes(all);
        bytes.put(0, all);
    }

    /** Compares canonical 0x00RRGGBB of every pixel: the buffer as the device laid it out vs. the readback. */
    private static void assertSamePixels(ByteBuffer source, DmaBuf buf, PixelLayout layout, DisplaySurface surface) {
        int[] expected = new int[buf.width()];
        int[] actual = new int[buf.width()];
        int mismatches = 0;
        String first = null;
        for (int y = 0; y < buf.height(); y++) {
            layout.toCanonical(source, buf.offset() + y * buf.stride(), expected, 0, buf.width());
            surface.layout().toCanonical(surface.pixels(), y * surface.stride(), actual, 0, buf.width());
            for (int x = 0; x < buf.width(); x++) {
                if (expected[x] != actual[x]) {
                    if (first == null) {
                        first = String.format("(%d,%d) expected %06x got %06x", x, y, expected[x], actual[x]);
                    }
                    mismatches++;
                }
            }
        }
        assertEquals(0, mismatches, layout.fourccName() + " read back as " + surface.layout().fourccName()
                + ": " + mismatches + " pixels differ, first " + first);
    }
}
