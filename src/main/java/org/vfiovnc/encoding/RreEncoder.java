package org.vfiovnc.encoding;

import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * RRE: a background colour and a list of solid sub-rectangles. Sub-rectangles are found greedily
 * (grow right along a run, then down while the rows match), which is what most servers do. Rects
 * are cut into 64x64 pieces so a noisy area cannot produce an unbounded list.
 */
public final class RreEncoder implements Encoder {
    @Override
    public int encoding() {
        return Encodings.RRE;
    }

    @Override
    public int maxRectSide() {
        return 64;
    }

    @Override
    public void encode(Framebuffer fb, Rect r, PixelTranslator pixels, OutBuffer out) {
        int w = r.width();
        int h = r.height();
        int[] px = pixels.translate(fb, r);
        int bg = SubrectFinder.mostCommon(px);
        int bpp = pixels.bytesPerPixel();
        boolean be = pixels.bigEndian();
        int countPos = out.size();
        out.u32(0);
        out.pixel(bg, bpp, be);
        int count = SubrectFinder.forEach(px, w, h, bg, (x, y, sw, sh, colour) -> {
            out.pixel(colour, bpp, be);
            out.u16(x).u16(y).u16(sw).u16(sh);
        });
        out.patchU32(countPos, count);
    }
}
