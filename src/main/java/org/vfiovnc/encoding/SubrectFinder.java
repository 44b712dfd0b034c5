package org.vfiovnc.encoding;


/** Splits a pixel block into solid sub-rectangles that differ from a background (RRE, Hextile). */
final class SubrectFinder {

    interface Sink {
        void subrect(int x, int y, int w, int h, int colour);
    }

    private SubrectFinder() {}

    /** Distinct colours counted by a plain scan before switching to a hash table. */
    private static final int FEW = 8;

    static int mostCommon(int[] px) {
        if (px.length == 0) {
            return 0;
        }
        // Most tiles hold a handful of colours (text, borders): count those in a small array; only
        // tiles with more go to the hash table, whose arrays would cost more than the scan.
        int[] colour = new int[FEW];
        int[] count = new int[FEW];
        int distinct = 0;
        int i = 0;
        while (i < px.length) {
            int v = px[i];
            int run = runLength(px, i);
            int k = 0;
            while (k < distinct && colour[k] != v) {
                k++;
            }
            if (k == FEW) {
                return mostCommonMany(px);
            }
            if (k == distinct) {
                colour[k] = v;
                distinct++;
            }
            count[k] += run;
            i += run;
        }
        int best = 0;
        for (int k = 1; k < distinct; k++) {
            if (count[k] > count[best]) {
                best = k;
            }
        }
        return colour[best];
    }

    private static int runLength(int[] px, int from) {
        int v = px[from];
        int end = from + 1;
        while (end < px.length && px[end] == v) {
            end++;
        }
        return end - from;
    }

    private static int mostCommonMany(int[] px) {
        // Open addressing over primitives (no boxing), at most half full; a run touches it once.
        int cap = Integer.highestOneBit(Math.max(2, px.length) * 2 - 1) << 1;
        int[] keys = new int[cap];
        int[] counts = new int[cap];
        int mask = cap - 1;
        int shift = Integer.numberOfLeadingZeros(cap) + 1;
        int best = px[0];
        int bestCount = 0;
        int i = 0;
        while (i < px.length) {
            int v = px[i];
            int run = runLength(px, i);
            i += run;
            int slot = (v * 0x9E3779B9) >>> shift;
            while (counts[slot] != 0 && keys[slot] != v) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = v;
            counts[slot] += run;
            if (counts[slot] > bestCount) {
                bestCount = counts[slot];
                best = v;
            }
        }
        return best;
    }

    /** Emits covering sub-rectangles of every pixel not equal to {@code bg}; returns their count. */
    static int forEach(int[] px, int w, int h, int bg, Sink sink) {
        boolean[] done = new boolean[px.length];
        int count = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (done[i] || px[i] == bg) {
                    continue;
                }
                int c = px[i];
                int x1 = x + 1;
                while (x1 < w && px[y * w + x1] == c && !done[y * w + x1]) {
                    x1++;
                }
                int y1 = y + 1;
                outer:
                while (y1 < h) {
                    for (int xx = x; xx < x1; xx++) {
                        int j = y1 * w + xx;
                        if (px[j] != c || done[j]) {
                            break outer;
                        }
                    }
                    y1++;
                }
                for (int yy = y; yy < y1; yy++) {
                    for (int xx = x; xx < x1; xx++) {
                        done[yy * w + xx] = true;
                    }
                }
                sink.subrect(x, y, x1 - x, y1 - y, c);
                count++;
            }
        }
        return count;
    }
}
