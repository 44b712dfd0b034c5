package org.vfiovnc.encoding;

import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Hextile: 16x16 tiles, each solid (background only, omitted when unchanged), two-colour
 * (background + foreground sub-rectangles), multi-colour (coloured sub-rectangles) or raw when that
 * is smaller. Background and foreground are re-sent after a raw tile, whose effect on them the
 * spec leaves undefined.
 */
public final class HextileEncoder implements Encoder {
    private static final int RAW = 1;
    private static final int BACKGROUND = 2;
    private static final int FOREGROUND = 4;
    private static final int ANY_SUBRECTS = 8;
    private static final int SUBRECTS_COLOURED = 16;

    @Override
    public int encoding() {
        return Encodings.HEXTILE;
    }

    @Override
    public void encode(Framebuffer fb, Rect r, PixelTranslator pixels, OutBuffer out) {
        int bpp = pixels.bytesPerPixel();
        boolean be = pixels.bigEndian();
        boolean bgValid = false;
        int lastBg = 0;
        OutBuffer tileBody = new OutBuffer(16 * 16 * 4 + 64);
        // Whole tiles, nearly all of them, reuse one array; edge tiles get one of their size.
        int[] whole = new int[16 * 16];
        // Colours kept apart by the translation: tiles are analysed on canonical pixels and only
        // what is written is translated.
        PixelTranslator late = pixels.keepsEveryColour() ? pixels : null;
        int[] canvas = fb.pixels();
        for (int ty = r.y(); ty < r.bottom(); ty += 16) {
            for (int tx = r.x(); tx < r.right(); tx += 16) {
                Rect t = new Rect(tx, ty, Math.min(16, r.right() - tx), Math.min(16, r.bottom() - ty));
                int[] px = t.width() == 16 && t.height() == 16 ? whole : new int[t.width() * t.height()];
                if (late != null) {
                    for (int y = 0; y < t.height(); y++) {
                        System.arraycopy(canvas, (ty + y) * fb.width() + tx, px, y * t.width(), t.width());
                    }
                } else {
                    pixels.translate(fb, t, px, 0);
                }
                int tw = t.width();
                int th = t.height();
                int first = px[0];
                int second = first;
                int colours = 1;
                for (int v : px) {
                    if (v != first) {
                        if (colours == 1) {
                            second = v;
                            colours = 2;
                        } else if (v != second) {
                            colours = 3;
                            break;
                        }
                    }
                }
                if (colours == 1) {
                    if (bgValid && first == lastBg) {
                        out.u8(0);
                    } else {
                        out.u8(BACKGROUND).pixel(PixelTranslator.wire(late, first), bpp, be);
                        lastBg = first;
                        bgValid = true;
                    }
                    continue;
                }
                int bg = SubrectFinder.mostCommon(px);
                boolean coloured = colours > 2;
                int fg = bg == first ? second : first;
                tileBody.reset();
                int rawSize = tw * th * bpp;
                int[] n = {0};
                SubrectFinder.forEach(px, tw, th, bg, (x, y, w, h, c) -> {
                    if (coloured) {
                        tileBody.pixel(PixelTranslator.wire(late, c), bpp, be);
                    }
                    tileBody.u8(x << 4 | y).u8((w - 1) << 4 | (h - 1));
                    n[0]++;
                });
                int mask = ANY_SUBRECTS | (coloured ? SUBRECTS_COLOURED : FOREGROUND);
                boolean sendBg = !bgValid || bg != lastBg;
                int encodedSize = 1 + (sendBg ? bpp : 0) + (coloured ? 0 : bpp) + 1 + tileBody.size();
                if (n[0] > 255 || encodedSize >= 1 + rawSize) {
                    if (late != null) {
                        for (int i = 0; i < px.length; i++) {
                            px[i] = late.translate(px[i]);
                        }
                    }
                    out.u8(RAW).pixels(px, 0, px.length, bpp, be);
                    bgValid = false;
                    continue;
                }
                out.u8(mask | (sendBg ? BACKGROUND : 0));
                if (sendBg) {
                    out.pixel(PixelTranslator.wire(late, bg), bpp, be);
                    lastBg = bg;
                    bgValid = true;
                }
                if (!coloured) {
                    out.pixel(PixelTranslator.wire(late, fg), bpp, be);
                }
                out.u8(n[0]).append(tileBody);
            }
        }
    }
}
