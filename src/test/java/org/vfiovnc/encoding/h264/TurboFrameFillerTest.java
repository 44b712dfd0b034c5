package org.vfiovnc.encoding.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;
import org.vfiovnc.surface.Rect;

/**
 * libjpeg-turbo's conversion into frame planes ({@link TurboFrameFiller}) against BT.601 full-range corner
 * values and the floating-point reference; a changed area converted alone leaves the planes as a whole
 * conversion would; odd sizes repeat the last column and row.
 */
class TurboFrameFillerTest {

    /** Planes laid out as FFmpeg would, with line sizes wider than the picture. */
    static final class Planes {
        final int lumaStride;
        final int chromaStride;
        final int rows;
        final Memory[] mem;
        final int[] lines;

        Planes(int w, int h) {
            int cw = w + 1 & ~1;
            rows = h + 1 & ~1;
            lumaStride = cw + 32;
            chromaStride = cw / 2 + 16;
            mem = new Memory[] {new Memory((long) lumaStride * rows), new Memory((long) chromaStride * rows / 2),
                new Memory((long) chromaStride * rows / 2)};
            for (Memory m : mem) {
                m.clear();
            }
            lines = new int[] {lumaStride, chromaStride, chromaStride};
        }

        Pointer[] pointers() {
            return new Pointer[] {mem[0], mem[1], mem[2]};
        }

        byte[] plane(int i) {
            return mem[i].getByteArray(0, (int) mem[i].size());
        }

        int luma(int x, int y) {
            return mem[0].getByte((long) y * lumaStride + x) & 0xff;
        }

        int cb(int x, int y) {
            return mem[1].getByte((long) (y / 2) * chromaStride + x / 2) & 0xff;
        }

        int cr(int x, int y) {
            return mem[2].getByte((long) (y / 2) * chromaStride + x / 2) & 0xff;
        }
    }

    private static TurboFrameFiller filler(int w, int h) {
        TurboFrameFiller f = TurboFrameFiller.create(w, h);
        assertNotNull(f, "libturbojpeg (Debian libturbojpeg0) must be installed for this test");
        return f;
    }

    private static Planes fill(int[] px, int w, int h, int stride) {
        Planes p = new Planes(w, h);
        try (TurboFrameFiller f = filler(w, h)) {
            f.fill(px, 0, stride, null, p.pointers(), p.lines);
        }
        return p;
    }

    @Test
    void blackWhiteAndPrimariesAreJpegsBt601FullRange() {
        assertYuv(0x000000, 0, 128, 128);
        assertYuv(0xffffff, 255, 128, 128);
        // Y = 0.299 R + 0.587 G + 0.114 B; Cb, Cr = 128 + 255 * difference / (2 (1 - K)), clipped.
        assertYuv(0xff0000, 76, 85, 255);
        assertYuv(0x00ff00, 150, 44, 21);
        assertYuv(0x0000ff, 29, 255, 107);
    }

    private static void assertYuv(int rgb, int y, int cb, int cr) {
        Planes p = fill(new int[] {rgb, rgb, rgb, rgb}, 2, 2, 2);
        String what = " of " + Integer.toHexString(rgb);
        assertTrue(Math.abs(y - p.luma(1, 1)) <= 1, "Y" + what + ": " + p.luma(1, 1));
        assertTrue(Math.abs(cb - p.cb(0, 0)) <= 1, "Cb" + what + ": " + p.cb(0, 0));
        assertTrue(Math.abs(cr - p.cr(0, 0)) <= 1, "Cr" + what + ": " + p.cr(0, 0));
    }

    @Test
    void agreesWithTheFloatingPointReferenceWithinRounding() {
        int w = 64;
        int h = 32;
        int[] px = TestVideo.photo(w, h, 1);
        Planes p = fill(px, w, h, w);
        int[] back = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                back[y * w + x] = ReferenceYuv.toRgb(p.luma(x, y), p.cb(x, y), p.cr(x, y), YuvColour.BT601_FULL);
            }
        }
        double agreement = ReferenceYuv.psnr(ReferenceYuv.roundTrip(px, w, h, YuvColour.BT601_FULL), w, back, w, w, h);
        assertTrue(agreement > 50, "libjpeg-turbo's planes stray from the reference: " + agreement + " dB");
    }

    @Test
    void oddSizesRepeatTheLastColumnAndRow() {
        // 3x3 picture inside a stride of 5, white in its last pixel: the padded column and row copy it.
        int[] px = new int[5 * 3];
        px[2 * 5 + 2] = 0xffffff;
        Planes p = fill(px, 3, 3, 5);
        assertEquals(255, p.luma(3, 3));
        assertEquals(255, p.luma(3, 2));
        assertEquals(255, p.luma(2, 3));
        assertEquals(0, p.luma(1, 3));
    }

    @Test
    void convertingAChangedAreaEqualsConvertingEverything() {
        ChangedAreas.forEach(t -> {
            Planes partial = new Planes(t.width(), t.height());
            try (TurboFrameFiller f = filler(t.width(), t.height())) {
                f.fill(t.before(), 0, t.stride(), null, partial.pointers(), partial.lines);
                f.fill(t.after(), 0, t.stride(), t.area(), partial.pointers(), partial.lines);
            }
            Planes full = fill(t.after(), t.width(), t.height(), t.stride());
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(full.plane(i), partial.plane(i), t.where() + " plane " + i);
            }
        });
    }

    @Test
    void theFirstPictureIsConvertedWholeWhateverTheChangedArea() {
        int w = 40;
        int h = 20;
        int[] px = TestVideo.photo(w, h, 3);
        Planes p = new Planes(w, h);
        try (TurboFrameFiller f = filler(w, h)) {
            f.fill(px, 0, w, new Rect(0, 0, 2, 2), p.pointers(), p.lines);
        }
        Planes whole = fill(px, w, h, w);
        assertArrayEquals(whole.plane(0), p.plane(0));
        assertArrayEquals(whole.plane(1), p.plane(1));
    }
}
