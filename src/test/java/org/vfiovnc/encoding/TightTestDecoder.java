package org.vfiovnc.encoding;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.protocol.PixelFormat;

/**
 * An independent Tight / TightPNG decoder (test code), written from the protocol description; one
 * per connection (four inflaters). Returns client pixel values, or for JPEG/PNG the client values of
 * the decoded RGB (so lossy results can be compared with a tolerance).
 */
public final class TightTestDecoder {
    private final Inflater[] streams = {new Inflater(), new Inflater(), new Inflater(), new Inflater()};
    /** What the last rectangle used: "fill", "jpeg", "png", "copy", "palette", "mono", "gradient". */
    String lastKind;

    public int[] decode(ByteBuffer in, int w, int h, PixelFormat f) throws DataFormatException, IOException {
        int control = in.get() & 0xff;
        for (int i = 0; i < 4; i++) {
            if ((control & (1 << i)) != 0) {
                streams[i].reset();
            }
        }
        int type = control >> 4;
        boolean rgb = f.trueColour() && f.bitsPerPixel() == 32 && f.depth() == 24 && f.redMax() == 255
                && f.greenMax() == 255 && f.blueMax() == 255;
        int bpp = f.trueColour() ? f.bitsPerPixel() / 8 : 1;
        int tBytes = rgb ? 3 : bpp;
        int[] out = new int[w * h];
        if (type == 8) {
            lastKind = "fill";
            java.util.Arrays.fill(out, readTPixel(in, f, rgb, tBytes));
            return out;
        }
        if (type == 9 || type == 10) {
            lastKind = type == 9 ? "jpeg" : "png";
            byte[] img = new byte[compactLength(in)];
            in.get(img);
            BufferedImage bi = ImageIO.read(new ByteArrayInputStream(img));
            if (bi.getWidth() != w || bi.getHeight() != h) {
                throw new IllegalStateException("image " + bi.getWidth() + "x" + bi.getHeight() + " for a " + w + "x" + h + " rect");
            }
            PixelTranslator t = new PixelTranslator(f);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = t.translate(bi.getRGB(x, y) & 0xffffff);
                }
            }
            return out;
        }
        if (type > 7) {
            throw new IllegalStateException("invalid Tight control " + Integer.toHexString(control));
        }
        int stream = type & 3;
        int filter = (type & 4) != 0 ? in.get() & 0xff : 0;
        int[] palette = null;
        int dataLen;
        if (filter == 1) {
            int n = (in.get() & 0xff) + 1;
            if (n < 2) {
                throw new IllegalStateException("palette of " + n);
            }
            palette = new int[n];
            for (int i = 0; i < n; i++) {
                palette[i] = readTPixel(in, f, rgb, tBytes);
            }
            dataLen = n == 2 ? (w + 7) / 8 * h : w * h;
            lastKind = n == 2 ? "mono" : "palette";
        } else if (filter == 2) {
            if (!rgb) {
                throw new IllegalStateException("gradient test decoder only for 888");
            }
            dataLen = w * h * 3;
            lastKind = "gradient";
        } else if (filter == 0) {
            dataLen = w * h * tBytes;
            lastKind = "copy";
        } else {
            throw new IllegalStateException("filter " + filter);
        }
        byte[] data = new byte[dataLen];
        if (dataLen < 12) {
            in.get(data);
        } else {
            byte[] z = new byte[compactLength(in)];
            in.get(z);
            streams[stream].setInput(z);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            byte[] chunk = new byte[65536];
            int n;
            while ((n = streams[stream].inflate(chunk)) > 0) {
                b.write(chunk, 0, n);
            }
            data = b.toByteArray();
            if (data.length != dataLen) {
                throw new IllegalStateException("inflated " + data.length + " bytes, expected " + dataLen);
            }
        }
        if (filter == 1 && palette.length == 2) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int bit = data[y * ((w + 7) / 8) + x / 8] >> (7 - x % 8) & 1;
                    out[y * w + x] = palette[bit];
                }
            }
        } else if (filter == 1) {
            for (int i = 0; i < out.length; i++) {
                int idx = data[i] & 0xff;
                if (idx >= palette.length) {
                    throw new IllegalStateException("palette index " + idx);
                }
                out[i] = palette[idx];
            }
        } else if (filter == 2) {
            int[][] c = new int[3][w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    for (int k = 0; k < 3; k++) {
                        int left = x > 0 ? c[k][i - 1] : 0;
                        int up = y > 0 ? c[k][i - w] : 0;
                        int ul = x > 0 && y > 0 ? c[k][i - w - 1] : 0;
                        int pred = Math.max(0, Math.min(255, left + up - ul));
                        c[k][i] = (pred + data[i * 3 + k]) & 0xff;
                    }
                    out[i] = c[0][i] << f.redShift() | c[1][i] << f.greenShift() | c[2][i] << f.blueShift();
                }
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = readTPixel(ByteBuffer.wrap(data, i * tBytes, tBytes), f, rgb, tBytes);
            }
        }
        return out;
    }

    private static int readTPixel(ByteBuffer in, PixelFormat f, boolean rgb, int bytes) {
        byte[] b = new byte[bytes];
        in.get(b);
        if (rgb) {
            return (b[0] & 0xff) << f.redShift() | (b[1] & 0xff) << f.greenShift() | (b[2] & 0xff) << f.blueShift();
        }
        return TestPixelFormats.read(b, 0, bytes, f.bigEndian());
    }

    static int compactLength(ByteBuffer in) {
        int b = in.get() & 0xff;
        int len = b & 0x7f;
        if ((b & 0x80) != 0) {
            b = in.get() & 0xff;
            len |= (b & 0x7f) << 7;
            if ((b & 0x80) != 0) {
                len |= (in.get() & 0xff) << 14;
            }
        }
        return len;
    }
}
