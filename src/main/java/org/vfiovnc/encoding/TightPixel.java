package org.vfiovnc.encoding;

import org.vfiovnc.protocol.PixelFormat;

/**
 * How Tight writes one pixel (TPIXEL): three bytes R, G, B for a 32-bpp true-colour client of depth
 * 24 with 8 bits per colour, else the client's own pixel value.
 */
final class TightPixel {
    private final boolean rgb888;
    private final int bytes;
    private final boolean bigEndian;
    private final int redShift;
    private final int greenShift;
    private final int blueShift;

    TightPixel(PixelFormat f, int bytesPerPixel) {
        rgb888 = f.trueColour() && f.bitsPerPixel() == 32 && f.depth() == 24 && f.redMax() == 255
                && f.greenMax() == 255 && f.blueMax() == 255;
        bytes = rgb888 ? 3 : bytesPerPixel;
        bigEndian = f.bigEndian();
        redShift = f.redShift();
        greenShift = f.greenShift();
        blueShift = f.blueShift();
    }

    boolean rgb888() {
        return rgb888;
    }

    int bytes() {
        return bytes;
    }

    void write(OutBuffer out, int value) {
        if (rgb888) {
            out.u8(value >>> redShift).u8(value >>> greenShift).u8(value >>> blueShift);
        } else {
            out.pixel(value, bytes, bigEndian);
        }
    }
}
