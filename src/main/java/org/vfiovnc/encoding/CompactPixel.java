package org.vfiovnc.encoding;

import org.vfiovnc.protocol.PixelFormat;

/**
 * How ZRLE writes one pixel (CPIXEL): like a normal pixel, except that a 32-bpp true-colour
 * format of depth 24 or less whose colour bits all sit in the low or the high three bytes loses
 * the unused byte.
 */
final class CompactPixel {
    private final int bytes;
    private final int shift;
    private final boolean bigEndian;

    private CompactPixel(int bytes, int shift, boolean bigEndian) {
        this.bytes = bytes;
        this.shift = shift;
        this.bigEndian = bigEndian;
    }

    static CompactPixel zrle(PixelFormat f, int bytesPerPixel) {
        if (f.trueColour() && f.bitsPerPixel() == 32 && f.depth() <= 24) {
            long used = ((long) f.redMax() << f.redShift()) | ((long) f.greenMax() << f.greenShift())
                    | ((long) f.blueMax() << f.blueShift());
            if ((used & 0xff000000L) == 0) {
                return new CompactPixel(3, 0, f.bigEndian());
            }
            if ((used & 0xffL) == 0) {
                return new CompactPixel(3, 8, f.bigEndian());
            }
        }
        return new CompactPixel(bytesPerPixel, 0, f.bigEndian());
    }

    int bytes() {
        return bytes;
    }

    void write(OutBuffer out, int value) {
        out.pixel(value >>> shift, bytes, bigEndian);
    }
}
