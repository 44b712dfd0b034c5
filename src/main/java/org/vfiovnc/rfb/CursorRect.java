package org.vfiovnc.rfb;

import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.surface.CursorImage;

/** Writes the Cursor (-239) pseudo-encoding body: pixels in the client's format, then a 1-bit mask. */
final class CursorRect {
    private CursorRect() {}

    static void write(CursorImage c, PixelTranslator pixels, OutBuffer out) {
        int w = c.width();
        int h = c.height();
        int bpp = pixels.bytesPerPixel();
        boolean be = pixels.bigEndian();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.pixel(pixels.translate(c.argb(x, y) & 0xffffff), bpp, be);
            }
        }
        int rowBytes = (w + 7) / 8;
        for (int y = 0; y < h; y++) {
            for (int bx = 0; bx < rowBytes; bx++) {
                int bits = 0;
                for (int i = 0; i < 8; i++) {
                    int x = bx * 8 + i;
                    if (x < w && (c.argb(x, y) >>> 24) >= 0x80) {
                        bits |= 0x80 >> i;
                    }
                }
                out.u8(bits);
            }
        }
    }

    /** CursorWithAlpha (-314) body: the encoding of the pixels (Raw), then RGBA with premultiplied alpha. */
    static void writeAlpha(CursorImage c, OutBuffer out) {
        out.u32(Encodings.RAW);
        out.ensure(c.width() * c.height() * 4);
        for (int y = 0; y < c.height(); y++) {
            for (int x = 0; x < c.width(); x++) {
                int argb = c.argb(x, y);
                int a = argb >>> 24;
                out.u8(premultiply(argb >> 16 & 0xff, a)).u8(premultiply(argb >> 8 & 0xff, a))
                        .u8(premultiply(argb & 0xff, a)).u8(a);
            }
        }
    }

    private static int premultiply(int c, int a) {
        return (c * a + 127) / 255;
    }
}
