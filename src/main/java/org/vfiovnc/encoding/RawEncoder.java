package org.vfiovnc.encoding;

import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/** Raw: every pixel in the client's format, row by row. */
public final class RawEncoder implements Encoder {
    @Override
    public int encoding() {
        return Encodings.RAW;
    }

    @Override
    public void encode(Framebuffer fb, Rect r, PixelTranslator pixels, OutBuffer out) {
        int[] row = new int[r.width()];
        int[] src = fb.pixels();
        int bpp = pixels.bytesPerPixel();
        boolean be = pixels.bigEndian();
        out.ensure(r.width() * r.height() * bpp);
        for (int y = r.y(); y < r.bottom(); y++) {
            int base = y * fb.width() + r.x();
            for (int i = 0; i < row.length; i++) {
                row[i] = pixels.translate(src[base + i]);
            }
            out.pixels(row, 0, row.length, bpp, be);
        }
    }
}
