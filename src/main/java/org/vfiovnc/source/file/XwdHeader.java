package org.vfiovnc.source.file;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.surface.PixelLayout;

/**
 * The header of an XWD file as Xvfb -fbdir keeps it: 25 big-endian CARD32 fields, the window name,
 * then the colour map, then the pixels. Only what a live screen needs is kept.
 */
record XwdHeader(int headerSize, int width, int height, int bitsPerPixel, int bytesPerLine, boolean lsbFirst,
                 int redMask, int greenMask, int blueMask, int ncolors) {

    static final int FIXED_SIZE = 100;
    private static final int XWD_FILE_VERSION = 7;
    private static final int ZPIXMAP = 2;

    static XwdHeader parse(ByteBuffer b) throws SourceException {
        if (b.capacity() < FIXED_SIZE) {
            throw new SourceException("XWD file too short for its header (" + b.capacity() + " bytes)");
        }
        ByteBuffer be = b.duplicate().order(ByteOrder.BIG_ENDIAN);
        int headerSize = be.getInt(0);
        int version = be.getInt(4);
        int format = be.getInt(8);
        if (version != XWD_FILE_VERSION) {
            throw new SourceException("not an XWD file (version " + version + ", expected 7)");
        }
        if (format != ZPIXMAP) {
            throw new SourceException("XWD pixmap format " + format + " is not ZPixmap");
        }
        if (headerSize < FIXED_SIZE || headerSize > 65536) {
            throw new SourceException("XWD header size " + headerSize + " out of range");
        }
        int width = be.getInt(16);
        int height = be.getInt(20);
        int byteOrder = be.getInt(28);
        int bpp = be.getInt(44);
        int bytesPerLine = be.getInt(48);
        int red = be.getInt(56);
        int green = be.getInt(60);
        int blue = be.getInt(64);
        int ncolors = be.getInt(76);
        if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
            throw new SourceException("XWD size " + width + "x" + height + " out of range");
        }
        if (ncolors < 0 || ncolors > 65536) {
            throw new SourceException("XWD colour count " + ncolors + " out of range");
        }
        return new XwdHeader(headerSize, width, height, bpp, bytesPerLine, byteOrder == 0, red, green, blue, ncolors);
    }

    /** Byte offset of the first pixel. */
    long pixelOffset() {
        return headerSize + 12L * ncolors;
    }

    long fileBytesNeeded() {
        return pixelOffset() + (long) bytesPerLine * height;
    }

    /** The DRM layout these bits are, or an error naming what is not supported. */
    PixelLayout layout() throws SourceException {
        if (bitsPerPixel == 32 && lsbFirst && greenMask == 0xff00) {
            if (redMask == 0xff0000 && blueMask == 0xff) {
                return PixelLayout.XR24;
            }
            if (redMask == 0xff && blueMask == 0xff0000) {
                return PixelLayout.XB24;
            }
        }
        if (bitsPerPixel == 16 && lsbFirst && redMask == 0xf800 && greenMask == 0x7e0 && blueMask == 0x1f) {
            return PixelLayout.RG16;
        }
        if (bitsPerPixel == 24 && lsbFirst && greenMask == 0xff00) {
            if (redMask == 0xff0000 && blueMask == 0xff) {
                return PixelLayout.RG24;
            }
            if (redMask == 0xff && blueMask == 0xff0000) {
                return PixelLayout.BG24;
            }
        }
        throw new SourceException(String.format("unsupported XWD pixel layout: %d bpp, %s, masks r=%x g=%x b=%x",
                bitsPerPixel, lsbFirst ? "LSBFirst" : "MSBFirst", redMask, greenMask, blueMask));
    }
}
