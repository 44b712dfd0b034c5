package org.vfiovnc.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.vfiovnc.protocol.PixelFormat;

/** An independent ZRLE decoder (test code), written from the RFB specification; one per connection. */
final class ZrleTestDecoder {
    private final Inflater inflater = new Inflater();

    /** Decodes one rectangle body into client pixel values, row-major; checks that it used every byte. */
    int[] decode(ByteBuffer in, int w, int h, PixelFormat f) throws DataFormatException {
        int len = in.getInt();
        byte[] z = new byte[len];
        in.get(z);
        inflater.setInput(z);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        int n;
        while ((n = inflater.inflate(chunk)) > 0) {
            plain.write(chunk, 0, n);
        }
        byte[] d = plain.toByteArray();
        int bpp = f.trueColour() ? f.bitsPerPixel() / 8 : 1;
        int cBytes = bpp;
        int cShift = 0;
        if (f.trueColour() && f.bitsPerPixel() == 32 && f.depth() <= 24) {
            long mask = ((long) f.redMax() << f.redShift()) | ((long) f.greenMax() << f.greenShift()) | ((long) f.blueMax() << f.blueShift());
            if (mask <= 0xffffffL) {
                cBytes = 3;
            } else if ((mask & 0xff) == 0) {
                cBytes = 3;
                cShift = 8;
            }
        }
        int[] out = new int[w * h];
        int p = 0;
        for (int ty = 0; ty < h; ty += 64) {
            int th = Math.min(64, h - ty);
            for (int tx = 0; tx < w; tx += 64) {
                int tw = Math.min(64, w - tx);
                int type = d[p++] & 0xff;
                int[] tile = new int[tw * th];
                int[] pal = new int[128];
                int palSize = type >= 130 ? type - 128 : type >= 2 && type <= 16 ? type : type == 1 ? 1 : 0;
                if (type >= 17 && type <= 127 || type == 129) {
                    throw new IllegalStateException("invalid ZRLE subencoding " + type);
                }
                for (int i = 0; i < palSize; i++, p += cBytes) {
                    pal[i] = TestPixelFormats.read(d, p, cBytes, f.bigEndian()) << cShift;
                }
                if (type == 0) {
                    for (int i = 0; i < tile.length; i++, p += cBytes) {
                        tile[i] = TestPixelFormats.read(d, p, cBytes, f.bigEndian()) << cShift;
                    }
                } else if (type == 1) {
                    java.util.Arrays.fill(tile, pal[0]);
                } else if (type <= 16) {
                    int bits = type == 2 ? 1 : type <= 4 ? 2 : 4;
                    for (int y = 0; y < th; y++) {
                        int bit = 0;
                        for (int x = 0; x < tw; x++) {
                            int byteV = d[p + bit / 8] & 0xff;
                            int idx = (byteV >> (8 - bits - bit % 8)) & ((1 << bits) - 1);
                            if (idx >= palSize) {
                                throw new IllegalStateException("palette index " + idx + " >= " + palSize);
                            }
                            tile[y * tw + x] = pal[idx];
                            bit += bits;
                        }
                        p += (tw * bits + 7) / 8;
                    }
                } else {
                    int i = 0;
                    while (i < tile.length) {
                        int v;
                        int run = 1;
                        if (type == 128) {
                            v = TestPixelFormats.read(d, p, cBytes, f.bigEndian()) << cShift;
                            p += cBytes;
                            run = readRun(d, p);
                            p += runBytes(d, p);
                        } else {
                            int idx = d[p++] & 0xff;
                            if ((idx & 127) >= palSize) {
                                throw new IllegalStateException("palette index out of range");
                            }
                            v = pal[idx & 127];
                            if ((idx & 128) != 0) {
                                run = readRun(d, p);
                                p += runBytes(d, p);
                            }
                        }
                        if (i + run > tile.length) {
                            throw new IllegalStateException("run past the tile end");
                        }
                        java.util.Arrays.fill(tile, i, i + run, v);
                        i += run;
                    }
                }
                for (int y = 0; y < th; y++) {
                    System.arraycopy(tile, y * tw, out, (ty + y) * w + tx, tw);
                }
            }
        }
        if (p != d.length) {
            throw new IllegalStateException((d.length - p) + " bytes left over");
        }
        return out;
    }

    private static int readRun(byte[] d, int p) {
        int run = 1;
        while ((d[p] & 0xff) == 255) {
            run += 255;
            p++;
        }
        return run + (d[p] & 0xff);
    }

    private static int runBytes(byte[] d, int p) {
        int n = 1;
        while ((d[p++] & 0xff) == 255) {
            n++;
        }
        return n;
    }
}
