package org.vfiovnc.encoding.h264;

/**
 * The test's own 4:2:0 round trip in floating point, written from the equations of ITU-R BT.709 and BT.601
 * (Y' = Kr R + Kg G + Kb B; Cb, Cr the scaled differences; limited range 16-235/16-240 or full 0-255), not
 * from the encoders' code: the best any 4:2:0 codec can return for a picture, so its PSNR is the ceiling
 * for the encoder's. Chroma: one sample per 2x2 block from the block's mean colour, given back to all four
 * pixels (as FFmpeg's yuv420p-to-RGB conversion does).
 */
public final class ReferenceYuv {
    private ReferenceYuv() {}

    /** Pixels after RGB -> Y'CbCr 4:2:0 (8-bit, {@code colour}'s matrix and range) -> RGB. */
    public static int[] roundTrip(int[] rgb, int width, int height, YuvColour colour) {
        double kr = colour.kr();
        double kb = colour.kb();
        double kg = 1 - kr - kb;
        double lumaScale = colour.fullRange() ? 255 : 219;
        double lumaFoot = colour.fullRange() ? 0 : 16;
        double chromaScale = colour.fullRange() ? 255 : 224;
        int[] out = new int[width * height];
        for (int by = 0; by < height; by += 2) {
            for (int bx = 0; bx < width; bx += 2) {
                double sr = 0;
                double sg = 0;
                double sb = 0;
                int n = 0;
                for (int y = by; y < Math.min(by + 2, height); y++) {
                    for (int x = bx; x < Math.min(bx + 2, width); x++) {
                        int p = rgb[y * width + x];
                        sr += (p >> 16 & 0xff) / 255.0;
                        sg += (p >> 8 & 0xff) / 255.0;
                        sb += (p & 0xff) / 255.0;
                        n++;
                    }
                }
                double mr = sr / n;
                double mg = sg / n;
                double mb = sb / n;
                double my = kr * mr + kg * mg + kb * mb;
                long cb = clamp(Math.round(128 + chromaScale * (mb - my) / (2 * (1 - kb))));
                long cr = clamp(Math.round(128 + chromaScale * (mr - my) / (2 * (1 - kr))));
                for (int y = by; y < Math.min(by + 2, height); y++) {
                    for (int x = bx; x < Math.min(bx + 2, width); x++) {
                        int p = rgb[y * width + x];
                        double yy = kr * (p >> 16 & 0xff) / 255.0 + kg * (p >> 8 & 0xff) / 255.0 + kb * (p & 0xff) / 255.0;
                        long ly = Math.round(lumaFoot + lumaScale * yy);
                        out[y * width + x] = toRgb(ly, cb, cr, colour);
                    }
                }
            }
        }
        return out;
    }

    private static long clamp(long v) {
        return Math.max(0, Math.min(255, v));
    }

    /** 8-bit Y'CbCr ({@code colour}'s matrix and range) back to a 0x00RRGGBB pixel. */
    static int toRgb(long y8, long cb8, long cr8, YuvColour colour) {
        boolean full = colour.fullRange();
        double y = full ? y8 / 255.0 : (y8 - 16) / 219.0;
        double pb = (cb8 - 128) / (full ? 255.0 : 224.0);
        double pr = (cr8 - 128) / (full ? 255.0 : 224.0);
        double kr = colour.kr();
        double kb = colour.kb();
        double r = y + 2 * (1 - kr) * pr;
        double b = y + 2 * (1 - kb) * pb;
        double g = (y - kr * r - kb * b) / (1 - kr - kb);
        return channel(r) << 16 | channel(g) << 8 | channel(b);
    }

    private static int channel(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v * 255)));
    }

    /** PSNR in dB over all three channels of the top-left width x height of two pictures. */
    public static double psnr(int[] a, int aStride, int[] b, int bStride, int width, int height) {
        double se = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = a[y * aStride + x];
                int q = b[y * bStride + x];
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = (p >> shift & 0xff) - (q >> shift & 0xff);
                    se += d * d;
                }
            }
        }
        double mse = se / (3.0 * width * height);
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
