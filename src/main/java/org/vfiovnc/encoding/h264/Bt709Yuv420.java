package org.vfiovnc.encoding.h264;

/**
 * Canonical 0x00RRGGBB pixels to 8-bit 4:2:0 YCbCr, ITU-R BT.709 matrix, limited ("TV") range:
 * Y in 16..235, Cb/Cr in 16..240, each chroma sample from the mean of its 2x2 block (centred siting).
 * The arithmetic only; {@link Yuv420Picture} walks the row pairs and pads odd sizes. Fixed point with 16 fraction bits; the chroma rows of the green coefficient are chosen so grey maps
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
     * Two rows at once, in one pass over the pixels: the luma of {@code pairs} 2x2 blocks starting at
     * {@code upper} and {@code lower} (written at {@code yUp} and {@code yLow}) and their Cb/Cr samples,
     * written {@code step} apart. Each pixel is read once (converting the rows separately read every
     * pixel twice). Red and blue of a block are summed in one int (16 bits each: at most 4 x 255).
     */
    static void rowPair(int[] src, int upper, int lower, int pairs, byte[] luma, int yUp, int yLow,
                        byte[] cb, int cbi, byte[] cr, int cri, int step) {
        for (int i = 0; i < pairs; i++) {
            int a = src[upper + 2 * i];
            int b = src[upper + 2 * i + 1];
            int c = src[lower + 2 * i];
            int d = src[lower + 2 * i + 1];
            luma[yUp + 2 * i] = luma(a);
            luma[yUp + 2 * i + 1] = luma(b);
            luma[yLow + 2 * i] = luma(c);
            luma[yLow + 2 * i + 1] = luma(d);
            int rb = (a & 0xff00ff) + (b & 0xff00ff) + (c & 0xff00ff) + (d & 0xff00ff);
            int g = (a & 0xff00) + (b & 0xff00) + (c & 0xff00) + (d & 0xff00) >>> 8;
            chroma(rb >>> 16, g, rb & 0xffff, cb, cbi + i * step, cr, cri + i * step);
        }
    }

    /**
     * The block whose right column is padding: the pixels at {@code upper} and {@code lower} count
     * twice, for the luma beside them and for the Cb/Cr sample.
     */
    static void edge(int[] src, int upper, int lower, byte[] luma, int yUp, int yLow,
                     byte[] cb, int cbi, byte[] cr, int cri) {
        int a = src[upper];
        int c = src[lower];
        luma[yUp] = luma[yUp + 1] = luma(a);
        luma[yLow] = luma[yLow + 1] = luma(c);
        int rb = 2 * ((a & 0xff00ff) + (c & 0xff00ff));
        int g = 2 * ((a & 0xff00) + (c & 0xff00)) >>> 8;
        chroma(rb >>> 16, g, rb & 0xffff, cb, cbi, cr, cri);
    }

    private static byte luma(int p) {
        return (byte) (Y_R * (p >>> 16 & 0xff) + Y_G * (p >>> 8 & 0xff) + Y_B * (p & 0xff) + Y_BIAS >> 16);
    }

    /** One Cb/Cr pair from the sums of a 2x2 block's red, green and blue. */
    private static void chroma(int r, int g, int b, byte[] cb, int cbi, byte[] cr, int cri) {
        cb[cbi] = (byte) (CB_R * r + CB_G * g + CB_B * b + C_BIAS >> 18);
        cr[cri] = (byte) (CR_R * r + CR_G * g + CR_B * b + C_BIAS >> 18);
    }
}
