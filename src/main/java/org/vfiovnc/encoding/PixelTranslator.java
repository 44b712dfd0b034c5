package org.vfiovnc.encoding;

import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Turns canonical 0x00RRGGBB pixels into the values of a client's pixel format, through three
 * 256-entry tables (one lookup and an OR per pixel). A colour-map client gets our fixed 3-3-2
 * palette, whose index is computed the same way.
 */
public final class PixelTranslator {
    private final PixelFormat format;
    private final PixelFormat valueFormat;
    private final int[] red = new int[256];
    private final int[] green = new int[256];
    private final int[] blue = new int[256];
    private final boolean identity;
    // Every channel 8 bits wide: a value is the canonical bytes moved to other places, which
    // shifts do without the three table loads (and the JIT vectorises over a row).
    private final boolean byteChannels;
    private final int redShift;
    private final int greenShift;
    private final int blueShift;

    public PixelTranslator(PixelFormat format) {
        this.format = format;
        this.valueFormat = format.trueColour() ? format : PixelFormat.colourMap332();
        fill(red, valueFormat.redMax(), valueFormat.redShift());
        fill(green, valueFormat.greenMax(), valueFormat.greenShift());
        fill(blue, valueFormat.blueMax(), valueFormat.blueShift());
        identity = valueFormat.bitsPerPixel() == 32 && valueFormat.redMax() == 255 && valueFormat.greenMax() == 255
                && valueFormat.blueMax() == 255 && valueFormat.redShift() == 16 && valueFormat.greenShift() == 8
                && valueFormat.blueShift() == 0;
        byteChannels = valueFormat.redMax() == 255 && valueFormat.greenMax() == 255 && valueFormat.blueMax() == 255
                && valueFormat.redShift() <= 24 && valueFormat.greenShift() <= 24 && valueFormat.blueShift() <= 24;
        redShift = valueFormat.redShift();
        greenShift = valueFormat.greenShift();
        blueShift = valueFormat.blueShift();
    }

    private static void fill(int[] table, int max, int shift) {
        for (int v = 0; v < 256; v++) {
            // Rounded scaling, so 255 always maps to max and 0 to 0.
            long scaled = ((long) v * max + 127) / 255;
            table[v] = (int) (scaled << shift);
        }
    }

    public PixelFormat format() {
        return format;
    }

    public int bytesPerPixel() {
        return format.bytesPerPixel();
    }

    public boolean bigEndian() {
        return format.bigEndian();
    }

    /**
     * Whether distinct canonical pixels stay distinct (every channel keeps its 8 bits), so an
     * encoder may count and index colours before translating and translate only what it sends.
     */
    public boolean keepsEveryColour() {
        return identity || byteChannels;
    }

    /**
     * The client value of {@code v} for an encoder that analysed either canonical pixels (then
     * {@code late} is the translator, see {@link #keepsEveryColour}) or values already translated
     * ({@code late} null).
     */
    public static int wire(PixelTranslator late, int v) {
        return late == null ? v : late.translate(v);
    }

    public int translate(int rgb) {
        if (identity) {
            return rgb & 0xffffff;
        }
        if (byteChannels) {
            return (rgb >>> 16 & 0xff) << redShift | (rgb >>> 8 & 0xff) << greenShift | (rgb & 0xff) << blueShift;
        }
        return red[rgb >> 16 & 0xff] | green[rgb >> 8 & 0xff] | blue[rgb & 0xff];
    }

    /** The client pixel values of {@code r}, row-major. */
    public int[] translate(Framebuffer fb, Rect r) {
        int[] out = new int[r.width() * r.height()];
        translate(fb, r, out, 0);
        return out;
    }

    /** Writes the client pixel values of {@code r}, row-major, into {@code out} from {@code off}. */
    public void translate(Framebuffer fb, Rect r, int[] out, int off) {
        int[] src = fb.pixels();
        int w = fb.width();
        int n = r.width();
        for (int y = r.y(); y < r.bottom(); y++) {
            translateRow(src, y * w + r.x(), out, off, n);
            off += n;
        }
    }

    /** One run of {@code n} pixels: a loop per case, so that each stays simple enough to vectorise. */
    private void translateRow(int[] src, int from, int[] out, int to, int n) {
        if (identity) {
            for (int i = 0; i < n; i++) {
                out[to + i] = src[from + i] & 0xffffff;
            }
        } else if (byteChannels) {
            int rs = redShift;
            int gs = greenShift;
            int bs = blueShift;
            for (int i = 0; i < n; i++) {
                int v = src[from + i];
                out[to + i] = (v >>> 16 & 0xff) << rs | (v >>> 8 & 0xff) << gs | (v & 0xff) << bs;
            }
        } else {
            for (int i = 0; i < n; i++) {
                int v = src[from + i];
                out[to + i] = red[v >> 16 & 0xff] | green[v >> 8 & 0xff] | blue[v & 0xff];
            }
        }
    }

    /**
     * The colour-map entries a colour-map client needs (16-bit r, g, b per index), or null for a
     * true-colour client.
     */
    public int[][] colourMap() {
        if (format.trueColour()) {
            return null;
        }
        int[][] map = new int[256][3];
        for (int i = 0; i < 256; i++) {
            map[i][0] = ((i >> 5) & 7) * 65535 / 7;
            map[i][1] = ((i >> 2) & 7) * 65535 / 7;
            map[i][2] = (i & 3) * 65535 / 3;
        }
        return map;
    }
}
