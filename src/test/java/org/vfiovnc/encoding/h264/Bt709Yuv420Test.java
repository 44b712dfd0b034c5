package org.vfiovnc.encoding.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vfiovnc.surface.Rect;

/** The fixed-point converter ({@link Yuv420Picture} over {@link Bt709Yuv420}) against BT.709's limited-range corner values and the floating-point reference. */
class Bt709Yuv420Test {

    private static int[] convert(int[] px, int w, int h, int stride) {
        Yuv420Picture p = Yuv420Picture.i420(w, h);
        p.convert(px, 0, stride);
        byte[] y = p.luma();
        return new int[] {y[0] & 0xff, p.cb()[0] & 0xff, p.cr()[0] & 0xff, y[y.length - 1] & 0xff};
    }

    @Test
    void blackWhiteAndGreyHitTheLimitedRange() {
        assertYuv(0x000000, 16, 128, 128);
        assertYuv(0xffffff, 235, 128, 128);
        assertYuv(0x808080, 126, 128, 128);
    }

    @Test
    void primariesMatchBt709() {
        // BT.709 8-bit limited: red 63/102/240, green 173/42/26, blue 32/240/118.
        assertYuv(0xff0000, 63, 102, 240);
        assertYuv(0x00ff00, 173, 42, 26);
        assertYuv(0x0000ff, 32, 240, 118);
    }

    private static void assertYuv(int rgb, int y, int cb, int cr) {
        int[] px = {rgb, rgb, rgb, rgb};
        int[] r = convert(px, 2, 2, 2);
        assertEquals(y, r[0], "Y of " + Integer.toHexString(rgb));
        assertEquals(cb, r[1], "Cb of " + Integer.toHexString(rgb));
        assertEquals(cr, r[2], "Cr of " + Integer.toHexString(rgb));
    }

    @Test
    void oddSizesRepeatTheLastColumnAndRow() {
        // 3x3 picture inside a stride of 5: the padded corner (3,3) copies pixel (2,2).
        int[] px = new int[5 * 3];
        px[2 * 5 + 2] = 0xffffff;
        int[] r = convert(px, 3, 3, 5);
        assertEquals(235, r[3]);
    }

    @Test
    void agreesWithTheFloatingPointReferenceWithinRounding() {
        int w = 64;
        int h = 32;
        int[] px = TestVideo.photo(w, h, 1);
        Yuv420Picture p = Yuv420Picture.i420(w, h);
        p.convert(px, 0, w);
        byte[] y = p.luma();
        byte[] u = p.cb();
        byte[] v = p.cr();
        int[] fixed = new int[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int c = j / 2 * (w / 2) + i / 2;
                fixed[j * w + i] = ReferenceYuv.toRgb(y[j * w + i] & 0xff, u[c] & 0xff, v[c] & 0xff, YuvColour.BT709_LIMITED);
            }
        }
        double agreement = ReferenceYuv.psnr(ReferenceYuv.roundTrip(px, w, h, YuvColour.BT709_LIMITED), w, fixed, w, w, h);
        assertTrue(agreement > 60, "fixed point strays from the reference: " + agreement + " dB");
    }

    @Test
    void convertingAChangedAreaEqualsConvertingEverything() {
        ChangedAreas.forEach(t -> {
            Rect r = t.area();
            for (boolean nv12 : new boolean[] {false, true}) {
                Yuv420Picture partial = picture(t.width(), t.height(), nv12);
                partial.convert(t.before(), 0, t.stride());
                partial.convert(t.after(), 0, t.stride(), r.x(), r.y(), r.width(), r.height());
                Yuv420Picture full = picture(t.width(), t.height(), nv12);
                full.convert(t.after(), 0, t.stride());
                String where = t.where() + (nv12 ? " NV12" : " I420");
                org.junit.jupiter.api.Assertions.assertArrayEquals(full.luma(), partial.luma(), where);
                org.junit.jupiter.api.Assertions.assertArrayEquals(full.cb(), partial.cb(), where);
                org.junit.jupiter.api.Assertions.assertArrayEquals(full.cr(), partial.cr(), where);
            }
        });
    }

    private static Yuv420Picture picture(int w, int h, boolean nv12) {
        int cw = w + 1 & ~1;
        return new Yuv420Picture(w, h, cw + 6, nv12 ? cw + 4 : cw / 2 + 3, nv12);
    }

    @Test
    void nv12InterleavesTheSameSamplesAsI420() {
        int w = 33;
        int h = 7;
        int[] px = TestVideo.photo(w, h, 2);
        Yuv420Picture i420 = Yuv420Picture.i420(w, h);
        i420.convert(px, 0, w);
        Yuv420Picture nv12 = new Yuv420Picture(w, h, 34, 34, true);
        nv12.convert(px, 0, w);
        org.junit.jupiter.api.Assertions.assertArrayEquals(i420.luma(), nv12.luma());
        for (int row = 0; row < 4; row++) {
            for (int i = 0; i < 17; i++) {
                assertEquals(i420.cb()[row * 17 + i], nv12.cb()[row * 34 + 2 * i]);
                assertEquals(i420.cr()[row * 17 + i], nv12.cb()[row * 34 + 2 * i + 1]);
            }
        }
    }
}
