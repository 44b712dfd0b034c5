package org.vfiovnc.encoding;

import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * ZRLE (16): the rectangle in 64x64 tiles, each tile written in whichever of raw, solid, packed
 * palette, plain RLE or palette RLE is smallest, all through one zlib stream kept for the whole
 * connection.
 */
public final class ZrleEncoder implements Encoder {
    static final int TILE = 64;
    private final DeflateStream zlib;
    private final OutBuffer plain = new OutBuffer(64 * 1024);
    private final ColourPalette palette = new ColourPalette(127);
    private final int[] tile = new int[TILE * TILE];
    private PixelTranslator late;

    public ZrleEncoder(int level) {
        this.zlib = new DeflateStream(level);
    }

    /** The zlib level from the next rectangle on; ZRLE has no quality setting. */
    @Override
    public void configure(int compressLevel, int jpegQualityLevel) {
        zlib.setLevel(compressLevel);
    }

    /** The zlib level of the next rectangle. */
    public int level() {
        return zlib.level();
    }

    @Override
    public int encoding() {
        return Encodings.ZRLE;
    }

    /** Once the stream has started (its header went out in this viewer's own first rectangle). */
    @Override
    public boolean canShare() {
        return zlib.started();
    }

    @Override
    public void forgetHistory() {
        zlib.forgetHistory();
    }

    @Override
    public int settings() {
        return zlib.level();
    }

    @Override
    public void encode(Framebuffer fb, Rect r, PixelTranslator pixels, OutBuffer out) {
        CompactPixel cp = CompactPixel.zrle(pixels.format(), pixels.bytesPerPixel());
        // Colours kept apart by the translation: tiles are analysed on canonical pixels and only
        // what is written (a run's colour, a palette entry) is translated.
        late = pixels.keepsEveryColour() ? pixels : null;
        plain.reset();
        int[] src = fb.pixels();
        for (int ty = r.y(); ty < r.bottom(); ty += TILE) {
            int th = Math.min(TILE, r.bottom() - ty);
            for (int tx = r.x(); tx < r.right(); tx += TILE) {
                int tw = Math.min(TILE, r.right() - tx);
                int n = 0;
                if (late != null) {
                    for (int y = ty; y < ty + th; y++) {
                        System.arraycopy(src, y * fb.width() + tx, tile, n, tw);
                        n += tw;
                    }
                } else {
                    for (int y = ty; y < ty + th; y++) {
                        int base = y * fb.width();
                        for (int x = tx; x < tx + tw; x++) {
                            tile[n++] = pixels.translate(src[base + x]);
                        }
                    }
                }
                encodeTile(tw, th, cp);
            }
        }
        int lengthPos = out.size();
        out.u32(0);
        int len = zlib.compress(plain.array(), 0, plain.size(), out);
        out.patchU32(lengthPos, len);
    }

    private void encodeTile(int w, int h, CompactPixel cp) {
        int count = w * h;
        int c = cp.bytes();
        palette.reset();
        long plainRle = 0;
        long paletteRle = 0;
        int runStart = 0;
        for (int i = 1; i <= count; i++) {
            if (i == count || tile[i] != tile[runStart]) {
                int len = i - runStart;
                int lenBytes = (len - 1) / 255 + 1;
                plainRle += c + lenBytes;
                paletteRle += len == 1 ? 1 : 1 + lenBytes;
                palette.add(tile[runStart]);
                runStart = i;
            }
        }
        int colours = palette.size();
        if (!palette.overflow() && colours == 1) {
            plain.u8(1);
            cp.write(plain, PixelTranslator.wire(late, tile[0]));
            return;
        }
        long best = (long) count * c;
        int mode = 0;
        if (plainRle < best) {
            best = plainRle;
            mode = 128;
        }
        if (!palette.overflow()) {
            long pal = (long) colours * c;
            if (paletteRle + pal < best) {
                best = paletteRle + pal;
                mode = 128 + colours;
            }
            if (colours <= 16) {
                int bits = bitsFor(colours);
                long packed = pal + (long) h * ((w * bits + 7) / 8);
                if (packed < best) {
                    mode = colours;
                }
            }
        }
        plain.u8(mode);
        if (mode == 0) {
            plain.ensure(count * c);
            for (int i = 0; i < count; i++) {
                cp.write(plain, PixelTranslator.wire(late, tile[i]));
            }
        } else if (mode == 128) {
            writeRuns(count, cp, false);
        } else if (mode > 128) {
            writePalette(cp);
            writeRuns(count, cp, true);
        } else {
            writePalette(cp);
            writePacked(w, h, bitsFor(colours));
        }
    }

    static int bitsFor(int colours) {
        return colours <= 2 ? 1 : colours <= 4 ? 2 : 4;
    }

    private void writePalette(CompactPixel cp) {
        for (int i = 0; i < palette.size(); i++) {
            cp.write(plain, PixelTranslator.wire(late, palette.colour(i)));
        }
    }

    private void writePacked(int w, int h, int bits) {
        for (int y = 0; y < h; y++) {
            int acc = 0;
            int used = 0;
            for (int x = 0; x < w; x++) {
                acc = (acc << bits) | palette.indexOf(tile[y * w + x]);
                used += bits;
                if (used == 8) {
                    plain.u8(acc);
                    acc = 0;
                    used = 0;
                }
            }
            if (used > 0) {
                plain.u8(acc << (8 - used));
            }
        }
    }

    private void writeRuns(int count, CompactPixel cp, boolean indexed) {
        int runStart = 0;
        for (int i = 1; i <= count; i++) {
            if (i == count || tile[i] != tile[runStart]) {
                int len = i - runStart;
                int v = tile[runStart];
                if (indexed) {
                    int idx = palette.indexOf(v);
                    if (len == 1) {
                        plain.u8(idx);
                    } else {
                        plain.u8(idx | 128);
                        writeRunLength(len);
                    }
                } else {
                    cp.write(plain, PixelTranslator.wire(late, v));
                    writeRunLength(len);
                }
                runStart = i;
            }
        }
    }

    private void writeRunLength(int len) {
        int rest = len - 1;
        while (rest >= 255) {
            plain.u8(255);
            rest -= 255;
        }
        plain.u8(rest);
    }

    @Override
    public void close() {
        zlib.end();
    }
}
