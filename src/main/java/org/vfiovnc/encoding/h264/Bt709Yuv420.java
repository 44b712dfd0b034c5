package org.vfiovnc.encoding.h264;

/**
 * Canonical 0x00RRGGBB pixels to 8-bit 4:2:0 YCbCr, ITU-R BT.709 matrix, limited ("TV") range:
 * Y in 16..235, Cb/Cr in 16..240, each chroma sample from the mean of its 2x2 block (centred siting).
 * Odd sizes are padded to even by repeating the last column and row, so the padding neither adds an
 * edge for the encoder to spend bits on nor bleeds a foreign colour into the last chroma samples.
 * Fixed point with 16 fraction bits; the chroma rows of the green coefficient are chosen so grey maps
 * exactly to 128.
 */
final class Bt709Yuv420 {
    // 219/255 * (Kr, Kg, Kb) with Kr = 0.2126, Kb = 0.0722.
    private static final int Y_R = 11966;
    private static final int Y_G = 40254;
    private static final int Y_B = 4064;
    // 224/255 * (B - Y') / (2 * (1 - Kb)) and (R - Y') / (2 * (1 - Kr)), expanded per component.
    private static final int CB_R = -6596;
    private static final int CB_G = -22188;
    private static final int CB_B = 28784;
    private static final int CR_R = 28784;
    private static final int CR_G = -26145;
    private static final int CR_B = -2639;
    private static final int Y_BIAS = (16 << 16) + (1 << 15);
    // Chroma works on the sum of four pixels: two more fraction bits.
    private static final int C_BIAS = (128 << 18) + (1 << 17);

    private Bt709Yuv420() {}

    /**
     * Converts a {@code width} x {@code height} rectangle of {@code src} (first pixel at {@code offset},
     * rows {@code stride} apart) into planes of the even-rounded size. Chroma sample i of a row goes to
     * {@code cb[cbOffset + i * chromaStep]} and {@code cr[crOffset + i * chromaStep]}: step 1 with two
     * arrays is I420, step 2 with one array and offsets 0/1 is NV12.
     */
    static void convert(int[] src, int offset, int stride, int width, int height,
                        byte[] luma, int lumaStride,
                        byte[] cb, int cbOffset, byte[] cr, int crOffset, int chromaStride, int chromaStep) {
        int pairsEnd = width & ~1;
        for (int y = 0; y < height; y += 2) {
            int row0 = offset + y * stride;
            int row1 = y + 1 < height ? row0 + stride : row0;
            int l0 = y * lumaStride;
            int l1 = l0 + lumaStride;
            int cbi = cbOffset + (y >> 1) * chromaStride;
            int cri = crOffset + (y >> 1) * chromaStride;
            int x = 0;
            for (; x < pairsEnd; x += 2) {
                block(src[row0 + x], src[row0 + x + 1], src[row1 + x], src[row1 + x + 1],
                        luma, l0 + x, l1 + x, cb, cbi, cr, cri);
                cbi += chromaStep;
                cri += chromaStep;
            }
            if (x < width) {
                int a = src[row0 + x];
                int c = src[row1 + x];
                block(a, a, c, c, luma, l0 + x, l1 + x, cb, cbi, cr, cri);
            }
        }
    }

    /** One 2x2 block: four luma samples (a b on the upper row, c d below) and one Cb/Cr pair. */
    private static void block(int a, int b, int c, int d, byte[] luma, int upper, int lower,
                              byte[] cb, int cbi, byte[] cr, int cri) {
        int ra = a >>> 16 & 0xff, ga = a >>> 8 & 0xff, ba = a & 0xff;
        int rb = b >>> 16 & 0xff, gb = b >>> 8 & 0xff, bb = b & 0xff;
        int rc = c >>> 16 & 0xff, gc = c >>> 8 & 0xff, bc = c & 0xff;
        int rd = d >>> 16 & 0xff, gd = d >>> 8 & 0xff, bd = d & 0xff;
        luma[upper] = (byte) (Y_R * ra + Y_G * ga + Y_B * ba + Y_BIAS >> 16);
        luma[upper + 1] = (byte) (Y_R * rb + Y_G * gb + Y_B * bb + Y_BIAS >> 16);
        luma[lower] = (byte) (Y_R * rc + Y_G * gc + Y_B * bc + Y_BIAS >> 16);
        luma[lower + 1] = (byte) (Y_R * rd + Y_G * gd + Y_B * bd + Y_BIAS >> 16);
        int r = ra + rb + rc + rd;
        int g = ga + gb + gc + gd;
        int bl = ba + bb + bc + bd;
        cb[cbi] = (byte) (CB_R * r + CB_G * g + CB_B * bl + C_BIAS >> 18);
        cr[cri] = (byte) (CR_R * r + CR_G * g + CR_B * bl + C_BIAS >> 18);
    }
}
