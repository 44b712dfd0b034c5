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

    /*
     * The row loops below read one scratch row from index 0 with unit strides, the shape the JIT turns
     * into vector code. Java 17's C2 does not vectorize a loop whose loads sit at another offset into
     * their array than its stores (three to four times slower): so the caller copies each source row
     * into a scratch row. A block's chroma, being linear, is the sum of its four pixels' shares: the
     * upper row's shares, the lower row's added to them column by column, then each pair of columns
     * (stride two, the one loop that stays scalar).
     */

    /** {@code count} luma values, as ints, from the pixels of {@code row}. */
    static void lumaRow(int[] row, int count, int[] out) {
        for (int x = 0; x < count; x++) {
            int p = row[x];
            out[x] = Y_R * (p >>> 16 & 0xff) + Y_G * (p >>> 8 & 0xff) + Y_B * (p & 0xff) + Y_BIAS >> 16;
        }
    }

    /** The low bytes of {@code count} ints, to {@code dst} at {@code to}. */
    static void narrow(int[] values, int count, byte[] dst, int to) {
        for (int x = 0; x < count; x++) {
            dst[to + x] = (byte) values[x];
        }
    }

    /** Each pixel's share of its block's Cb and Cr sums (before the bias and the final shift). */
    static void chromaShares(int[] row, int count, int[] cbShare, int[] crShare) {
        for (int x = 0; x < count; x++) {
            int p = row[x];
            int r = p >>> 16 & 0xff;
            int g = p >>> 8 & 0xff;
            int b = p & 0xff;
            cbShare[x] = CB_R * r + CB_G * g + CB_B * b;
            crShare[x] = CR_R * r + CR_G * g + CR_B * b;
        }
    }

    /** Adds the shares of the lower row's pixels to the upper row's: each column's sum of two. */
    static void addChromaShares(int[] row, int count, int[] cbSum, int[] crSum) {
        for (int x = 0; x < count; x++) {
            int p = row[x];
            int r = p >>> 16 & 0xff;
            int g = p >>> 8 & 0xff;
            int b = p & 0xff;
            cbSum[x] += CB_R * r + CB_G * g + CB_B * b;
            crSum[x] += CR_R * r + CR_G * g + CR_B * b;
        }
    }

    /**
     * {@code pairs} Cb/Cr samples, each the sum of two neighbouring column sums (a 2x2 block), written
     * {@code step} apart. With the rows added first, this scalar loop reads two sums per sample
     * instead of four shares: a 720p picture converts in 1.7 ms instead of 2.0.
     */
    static void chromaRow(int[] cbSum, int[] crSum, int pairs, byte[] cb, int cbi, byte[] cr, int cri, int step) {
        for (int i = 0; i < pairs; i++) {
            int l = 2 * i;
            cb[cbi + i * step] = (byte) (cbSum[l] + cbSum[l + 1] + C_BIAS >> 18);
            cr[cri + i * step] = (byte) (crSum[l] + crSum[l + 1] + C_BIAS >> 18);
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
