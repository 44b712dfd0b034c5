package org.vfiovnc.encoding;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.vfiovnc.protocol.Encodings;

/**
 * An independent decoder for the basic encodings, written from the RFB specification, so encoder
 * tests check bytes against the protocol rather than against the encoder's own assumptions. It
 * yields client pixel values (before any colour conversion).
 */
final class ReferenceDecoder {
    private final int bpp;
    private final boolean bigEndian;
    private final Inflater zlib = new Inflater();

    ReferenceDecoder(int bytesPerPixel, boolean bigEndian) {
        this.bpp = bytesPerPixel;
        this.bigEndian = bigEndian;
    }

    int[] decode(int encoding, int w, int h, DataInputStream in) throws IOException {
        switch (encoding) {
            case Encodings.RAW: return raw(w, h, in);
            case Encodings.RRE: return rre(w, h, in);
            case Encodings.HEXTILE: return hextile(w, h, in);
            case Encodings.ZLIB: return zlib(w, h, in);
            default: throw new IllegalArgumentException("encoding " + encoding);
        }
    }

    private int pixel(DataInputStream in) throws IOException {
        int v = 0;
        for (int i = 0; i < bpp; i++) {
            int b = in.readUnsignedByte();
            v = bigEndian ? (v << 8) | b : v | b << (8 * i);
        }
        return v;
    }

    private int[] raw(int w, int h, DataInputStream in) throws IOException {
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = pixel(in);
        }
        return px;
    }

    private int[] rre(int w, int h, DataInputStream in) throws IOException {
        int n = in.readInt();
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, pixel(in));
        for (int i = 0; i < n; i++) {
            int c = pixel(in);
            fill(px, w, in.readUnsignedShort(), in.readUnsignedShort(), in.readUnsignedShort(), in.readUnsignedShort(), c);
        }
        return px;
    }

    private static void fill(int[] px, int stride, int x, int y, int w, int h, int c) {
        for (int yy = y; yy < y + h; yy++) {
            for (int xx = x; xx < x + w; xx++) {
                px[yy * stride + xx] = c;
            }
        }
    }

    private int[] hextile(int w, int h, DataInputStream in) throws IOException {
        int[] px = new int[w * h];
        Integer bg = null;
        Integer fg = null;
        for (int ty = 0; ty < h; ty += 16) {
            for (int tx = 0; tx < w; tx += 16) {
                int tw = Math.min(16, w - tx);
                int th = Math.min(16, h - ty);
                int mask = in.readUnsignedByte();
                if ((mask & 1) != 0) {
                    for (int y = 0; y < th; y++) {
                        for (int x = 0; x < tw; x++) {
                            px[(ty + y) * w + tx + x] = pixel(in);
                        }
                    }
                    bg = null;
                    fg = null;
                    continue;
                }
                if ((mask & 2) != 0) {
                    bg = pixel(in);
                }
                if (bg == null) {
                    throw new IOException("hextile tile without a defined background");
                }
                fill(px, w, tx, ty, tw, th, bg);
                if ((mask & 4) != 0) {
                    fg = pixel(in);
                }
                if ((mask & 8) != 0) {
                    int n = in.readUnsignedByte();
                    for (int i = 0; i < n; i++) {
                        int c;
                        if ((mask & 16) != 0) {
                            c = pixel(in);
                        } else {
                            if (fg == null) {
                                throw new IOException("hextile subrects without a foreground");
                            }
                            c = fg;
                        }
                        int xy = in.readUnsignedByte();
                        int wh = in.readUnsignedByte();
                        int sx = xy >> 4;
                        int sy = xy & 15;
                        int sw = (wh >> 4) + 1;
                        int sh = (wh & 15) + 1;
                        if (sx + sw > tw || sy + sh > th) {
                            throw new IOException("hextile subrect outside its tile");
                        }
                        fill(px, w, tx + sx, ty + sy, sw, sh, c);
                    }
                }
                if ((mask & 16) != 0) {
                    fg = null;
                }
            }
        }
        return px;
    }

    private int[] zlib(int w, int h, DataInputStream in) throws IOException {
        int len = in.readInt();
        byte[] z = new byte[len];
        in.readFully(z);
        zlib.setInput(z);
        byte[] plain = new byte[w * h * bpp];
        try {
            int got = 0;
            while (got < plain.length) {
                int n = zlib.inflate(plain, got, plain.length - got);
                if (n == 0 && (zlib.needsInput() || zlib.finished())) {
                    throw new IOException("zlib data ended after " + got + " of " + plain.length + " bytes");
                }
                got += n;
            }
        } catch (DataFormatException e) {
            throw new IOException(e);
        }
        return raw(w, h, new DataInputStream(new ByteArrayInputStream(plain)));
    }
}
