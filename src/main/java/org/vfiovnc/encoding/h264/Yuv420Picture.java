package org.vfiovnc.encoding.h264;

/**
 * A 4:2:0 picture in Java byte planes, kept from frame to frame so only the changed area of the next
 * frame needs converting ({@link Bt709Yuv420}: BT.709, limited range). Its size is the source size rounded
 * up to even; the extra column and row repeat the last ones, so the padding neither adds an edge for the
 * encoder to spend bits on nor bleeds a foreign colour into the last chroma samples. Planar I420
 * (separate Cb and Cr) or NV12 (Cb and Cr interleaved in one plane).
 */
public final class Yuv420Picture {
    private final int width;
    private final int height;
    private final int codedWidth;
    private final int codedHeight;
    private final int lumaStride;
    private final int chromaStride;
    private final boolean nv12;
    private final byte[] luma;
    private final byte[] cb;
    private final byte[] cr;
    /** Scratch rows for the conversion's vectorizable passes (see Bt709Yuv420). */
    private final int[] rowUp;
    private final int[] rowLow;
    private final int[] ints;
    private final int[] cbSum;
    private final int[] crSum;

    /** Planes with the given line sizes (bytes per row, at least the coded width), e.g. FFmpeg's. */
    public Yuv420Picture(int width, int height, int lumaStride, int chromaStride, boolean nv12) {
        this.width = width;
        this.height = height;
        this.codedWidth = width + 1 & ~1;
        this.codedHeight = height + 1 & ~1;
        if (lumaStride < codedWidth || chromaStride < (nv12 ? codedWidth : codedWidth / 2)) {
            throw new IllegalArgumentException("line sizes " + lumaStride + "/" + chromaStride + " too small for "
                    + width + "x" + height);
        }
        this.lumaStride = lumaStride;
        this.chromaStride = chromaStride;
        this.nv12 = nv12;
        this.luma = new byte[lumaStride * codedHeight];
        this.cb = new byte[chromaStride * (codedHeight / 2)];
        this.cr = nv12 ? cb : new byte[cb.length];
        this.rowUp = new int[codedWidth];
        this.rowLow = new int[codedWidth];
        this.ints = new int[codedWidth];
        this.cbSum = new int[codedWidth];
        this.crSum = new int[codedWidth];
    }

    /** Tightly packed I420 planes. */
    public static Yuv420Picture i420(int width, int height) {
        int cw = width + 1 & ~1;
        return new Yuv420Picture(width, height, cw, cw / 2, false);
    }

    /** Converts a whole picture of canonical pixels (first at {@code offset}, rows {@code stride} apart). */
    public void convert(int[] src, int offset, int stride) {
        convert(src, offset, stride, 0, 0, width, height);
    }

    /**
     * Converts only the area {@code x, y, w, h} (picture coordinates, widened to even edges so whole chroma
     * blocks are redone) of a picture whose other pixels are unchanged since the last conversion.
     */
    public void convert(int[] src, int offset, int stride, int x, int y, int w, int h) {
        int x0 = Math.max(0, x) & ~1;
        int y0 = Math.max(0, y) & ~1;
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        if (x1 <= x0 || y1 <= y0) {
            return;
        }
        boolean padColumn = x1 == width && (width & 1) != 0;
        int step = nv12 ? 2 : 1;
        int pairs = ((padColumn ? width - 1 : x1 + 1 & ~1) - x0) >> 1;
        // Whole 2x2 blocks: a row or column just outside the area is redone from the same pixels, and
        // the padding row and column (odd sizes) repeat the last ones.
        for (int row = y0; row < y1; row += 2) {
            int upper = offset + row * stride + x0;
            int lower = row + 1 < height ? upper + stride : upper;
            int yUp = row * lumaStride + x0;
            int yLow = yUp + lumaStride;
            int line = (row >> 1) * chromaStride + (x0 >> 1) * step;
            int cri = nv12 ? line + 1 : line;
            int count = 2 * pairs;
            System.arraycopy(src, upper, rowUp, 0, count);
            System.arraycopy(src, lower, rowLow, 0, count);
            Bt709Yuv420.lumaRow(rowUp, count, ints);
            Bt709Yuv420.narrow(ints, count, luma, yUp);
            Bt709Yuv420.lumaRow(rowLow, count, ints);
            Bt709Yuv420.narrow(ints, count, luma, yLow);
            Bt709Yuv420.chromaShares(rowUp, count, cbSum, crSum);
            Bt709Yuv420.addChromaShares(rowLow, count, cbSum, crSum);
            Bt709Yuv420.chromaRow(cbSum, crSum, pairs, cb, line, cr, cri, step);
            if (padColumn) {
                Bt709Yuv420.edge(src, upper + 2 * pairs, lower + 2 * pairs, luma, yUp + 2 * pairs, yLow + 2 * pairs,
                        cb, line + pairs * step, cr, cri + pairs * step);
            }
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int codedWidth() {
        return codedWidth;
    }

    public int codedHeight() {
        return codedHeight;
    }

    public int lumaStride() {
        return lumaStride;
    }

    public int chromaStride() {
        return chromaStride;
    }

    public byte[] luma() {
        return luma;
    }

    /** The Cb plane (for NV12 the interleaved CbCr plane). */
    public byte[] cb() {
        return cb;
    }

    /** The Cr plane (for NV12 the same array as {@link #cb()}). */
    public byte[] cr() {
        return cr;
    }
}
