package org.vfiovnc.encoding.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fixed-point converter against BT.709's limited-range corner values and the floating-point reference. */
class Bt709Yuv420Test {

    private static int[] convert(int[] px, int w, int h, int stride) {
        int cw = w + 1 & ~1;
        int ch = h + 1 & ~1;
        byte[] y = new byte[cw * ch];
        byte[] u = new byte[cw * ch / 4];
        byte[] v = new byte[cw * ch / 4];
        Bt709Yuv420.convert(px, 0, stride, w, h, y, cw, u, 0, v, 0, cw / 2, 1);
        return new int[] {y[0] & 0xff, u[0] & 0xff, v[0] & 0xff, y[cw * ch - 1] & 0xff};
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
        byte[] y = new byte[w * h];
        byte[] u = new byte[w * h / 4];
        byte[] v = new byte[w * h / 4];
        Bt709Yuv420.convert(px, 0, w, w, h, y, w, u, 0, v, 0, w / 2, 1);
        int[] fixed = new int[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int c = j / 2 * (w / 2) + i / 2;
                fixed[j * w + i] = ReferenceYuv.toRgb(y[j * w + i] & 0xff, u[c] & 0xff, v[c] & 0xff);
            }
        }
        double agreement = ReferenceYuv.psnr(ReferenceYuv.roundTrip(px, w, h), w, fixed, w, w, h);
        assertTrue(agreement > 60, "fixed point strays from the reference: " + agreement + " dB");
    }
}
