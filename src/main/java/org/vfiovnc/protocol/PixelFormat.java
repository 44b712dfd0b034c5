package org.vfiovnc.protocol;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The RFB PIXEL_FORMAT: how a client wants pixel values laid out. Validated on arrival: a format
 * this server cannot honour closes that client instead of producing garbage.
 */
public record PixelFormat(int bitsPerPixel, int depth, boolean bigEndian, boolean trueColour,
                          int redMax, int greenMax, int blueMax, int redShift, int greenShift, int blueShift) {

    /** What the server announces in ServerInit: 32 bpp, depth 24, little-endian 0x00RRGGBB (= XR24). */
    public static PixelFormat serverDefault() {
        return new PixelFormat(32, 24, false, true, 255, 255, 255, 16, 8, 0);
    }

    /** The 8-bit colour-map format we serve with our fixed 3-3-2 palette. */
    public static PixelFormat colourMap332() {
        return new PixelFormat(8, 8, false, true, 7, 7, 3, 5, 2, 0);
    }

    public int bytesPerPixel() {
        return bitsPerPixel / 8;
    }

    /** Reads the 16-byte wire form (3 padding bytes at the end). */
    public static PixelFormat parse(byte[] b) {
        return new PixelFormat(b[0] & 0xff, b[1] & 0xff, b[2] != 0, b[3] != 0,
                u16(b, 4), u16(b, 6), u16(b, 8), b[10] & 0xff, b[11] & 0xff, b[12] & 0xff);
    }

    private static int u16(byte[] b, int o) {
        return (b[o] & 0xff) << 8 | (b[o + 1] & 0xff);
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeByte(bitsPerPixel);
        out.writeByte(depth);
        out.writeByte(bigEndian ? 1 : 0);
        out.writeByte(trueColour ? 1 : 0);
        out.writeShort(redMax);
        out.writeShort(greenMax);
        out.writeShort(blueMax);
        out.writeByte(redShift);
        out.writeByte(greenShift);
        out.writeByte(blueShift);
        out.write(new byte[3]);
    }

    /** Why this format cannot be served, or null when it can. */
    public String problem() {
        if (bitsPerPixel != 8 && bitsPerPixel != 16 && bitsPerPixel != 32) {
            return "bits-per-pixel " + bitsPerPixel + " (only 8, 16, 32)";
        }
        if (!trueColour) {
            return bitsPerPixel == 8 ? null : "colour-map mode at " + bitsPerPixel + " bpp (only 8)";
        }
        String r = component("red", redMax, redShift);
        if (r != null) return r;
        String g = component("green", greenMax, greenShift);
        if (g != null) return g;
        return component("blue", blueMax, blueShift);
    }

    private String component(String name, int max, int shift) {
        if (max == 0) {
            return name + "-max 0";
        }
        if ((max & (max + 1)) != 0) {
            return name + "-max " + max + " is not 2^n-1";
        }
        int bits = Integer.bitCount(max);
        if (shift + bits > bitsPerPixel) {
            return name + " (max " + max + " << " + shift + ") does not fit in " + bitsPerPixel + " bits";
        }
        return null;
    }

    @Override
    public String toString() {
        if (!trueColour) {
            return bitsPerPixel + "bpp colour-map";
        }
        return String.format("%dbpp depth %d %s r%d<<%d g%d<<%d b%d<<%d", bitsPerPixel, depth,
                bigEndian ? "BE" : "LE", redMax, redShift, greenMax, greenShift, blueMax, blueShift);
    }
}
