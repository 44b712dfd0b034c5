package org.vfiovnc.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

class PixelTranslatorTest {

    /** The value the RFB spec asks for: each channel scaled to its max and shifted into place. */
    private static int expected(PixelFormat f, int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        return (int) (((long) r * f.redMax() + 127) / 255 << f.redShift()
                | ((long) g * f.greenMax() + 127) / 255 << f.greenShift()
                | ((long) b * f.blueMax() + 127) / 255 << f.blueShift());
    }

    @ParameterizedTest(name = "{0}bpp max {3}/{4}/{5} shift {6}/{7}/{8}")
    @CsvSource({
        "32,24,false,255,255,255,16,8,0",   // canonical layout
        "32,24,false,255,255,255,0,8,16",   // libvncclient's default
        "32,24,true,255,255,255,24,16,8",
        "32,24,false,255,255,255,8,16,24",
        "24,24,false,255,255,255,0,8,16",
        "16,16,false,31,63,31,11,5,0",
        "16,15,false,31,31,31,10,5,0",
        "8,8,false,7,7,3,0,3,6"})
    void everyPathGivesTheSpecValue(int bpp, int depth, boolean be, int rm, int gm, int bm, int rs, int gs, int bs) {
        PixelFormat f = new PixelFormat(bpp, depth, be, true, rm, gm, bm, rs, gs, bs);
        PixelTranslator t = new PixelTranslator(f);
        Random rnd = new Random(bpp * 31 + rs);
        int w = 37;
        int h = 11;
        Framebuffer fb = new Framebuffer(w, h);
        for (int i = 0; i < w * h; i++) {
            fb.pixels()[i] = rnd.nextInt() & 0xffffff;
        }
        for (int v : new int[] {0, 0xffffff, 0xff0000, 0x00ff00, 0x0000ff, 0x123456}) {
            assertEquals(expected(f, v), t.translate(v), Integer.toHexString(v));
        }
        Rect r = new Rect(3, 2, 30, 8);
        int[] rect = t.translate(fb, r);
        int[] into = new int[5 + (int) r.area()];
        t.translate(fb, r, into, 5);
        int i = 0;
        for (int y = r.y(); y < r.bottom(); y++) {
            for (int x = r.x(); x < r.right(); x++) {
                int want = expected(f, fb.pixels()[y * w + x]);
                assertEquals(want, rect[i], "pixel " + x + "," + y);
                assertEquals(want, into[5 + i], "pixel " + x + "," + y + " at an offset");
                i++;
            }
        }
        assertArrayEquals(new int[5], java.util.Arrays.copyOf(into, 5), "nothing written before the offset");
    }
}
