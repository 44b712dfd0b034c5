package org.vfiovnc.rfb.encoding;

import java.util.HashMap;
import java.util.Map;

/** Splits a pixel block into solid sub-rectangles that differ from a background (RRE, Hextile). */
final class SubrectFinder {

    interface Sink {
        void subrect(int x, int y, int w, int h, int colour);
    }

    private SubrectFinder() {}

    static int mostCommon(int[] px) {
        if (px.length == 0) {
            return 0;
        }
        Map<Integer, int[]> counts = new HashMap<>();
        int best = px[0];
        int bestCount = 0;
        int prev = px[0] + 1;
        int[] cur = null;
        for (int v : px) {
            if (v != prev) {
                cur = counts.computeIfAbsent(v, k -> new int[1]);
                prev = v;
            }
            if (++cur[0] > bestCount) {
                bestCount = cur[0];
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
