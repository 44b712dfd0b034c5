package org.vfiovnc.encoding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vfiovnc.damage.Region;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Cuts damaged rectangles into the pieces an encoder gets, the way TigerVNC's encode manager does:
 * large single-colour areas (found in 16x16 blocks) become rectangles of their own, which every
 * encoder sends in a few bytes; the rest is left to the encoder, which classifies each piece by its
 * colours and splits it within its limits.
 */
public final class RectPlanner {
    static final int BLOCK = 16;
    /** A solid area smaller than this is not worth a rectangle header of its own. */
    static final int MIN_SOLID_PIXELS = 2048;

    private RectPlanner() {}

    /** Pieces in top-to-bottom, left-to-right order (some viewers treat the bottom-right piece as "frame done"). */
    public static List<Rect> plan(Framebuffer fb, List<Rect> rects, Encoder encoder) {
        List<Rect> out = planUnordered(fb, rects, encoder);
        out.sort(Comparator.comparingInt(Rect::y).thenComparingInt(Rect::x));
        return out;
    }

    private static List<Rect> planUnordered(Framebuffer fb, List<Rect> rects, Encoder encoder) {
        List<Rect> out = new ArrayList<>();
        for (Rect r : rects) {
            if (encoder.encoding() == Encodings.RAW || r.area() < 2L * MIN_SOLID_PIXELS) {
                out.addAll(encoder.split(r));
                continue;
            }
            List<Rect> solid = findSolid(fb, r);
            if (solid.isEmpty()) {
                out.addAll(encoder.split(r));
                continue;
            }
            Region rest = new Region(r);
            for (Rect s : solid) {
                rest.subtract(s);
                out.addAll(encoder.split(s));
            }
            for (Rect p : rest.rects()) {
                out.addAll(encoder.split(p));
            }
        }
        return out;
    }

    /** Disjoint single-colour rectangles of at least {@link #MIN_SOLID_PIXELS}, on the block grid of {@code r}. */
    static List<Rect> findSolid(Framebuffer fb, Rect r) {
        int bw = r.width() / BLOCK;
        int bh = r.height() / BLOCK;
        List<Rect> found = new ArrayList<>();
        if (bw == 0 || bh == 0) {
            return found;
        }
        // Colour of each solid block, or -1 (pixels are 24-bit, so -1 is never a colour).
        int[] colour = new int[bw * bh];
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                colour[by * bw + bx] = solidColour(fb, r.x() + bx * BLOCK, r.y() + by * BLOCK);
            }
        }
        boolean[] used = new boolean[bw * bh];
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                int c = colour[by * bw + bx];
                if (c < 0 || used[by * bw + bx]) {
                    continue;
                }
                int ex = bx;
                while (ex + 1 < bw && colour[by * bw + ex + 1] == c && !used[by * bw + ex + 1]) {
                    ex++;
                }
                int ey = by;
                while (ey + 1 < bh && rowSolid(colour, used, bw, ey + 1, bx, ex, c)) {
                    ey++;
                }
                int w = (ex - bx + 1) * BLOCK;
                int h = (ey - by + 1) * BLOCK;
                if (w * h >= MIN_SOLID_PIXELS) {
                    for (int y = by; y <= ey; y++) {
                        for (int x = bx; x <= ex; x++) {
                            used[y * bw + x] = true;
                        }
                    }
                    found.add(new Rect(r.x() + bx * BLOCK, r.y() + by * BLOCK, w, h));
                }
            }
        }
        return found;
    }

    private static boolean rowSolid(int[] colour, boolean[] used, int bw, int by, int x0, int x1, int c) {
        for (int x = x0; x <= x1; x++) {
            if (colour[by * bw + x] != c || used[by * bw + x]) {
                return false;
            }
        }
        return true;
    }

    private static int solidColour(Framebuffer fb, int x0, int y0) {
        int[] px = fb.pixels();
        int w = fb.width();
        int c = px[y0 * w + x0] & 0xffffff;
        for (int y = y0; y < y0 + BLOCK; y++) {
            int row = y * w;
            for (int x = x0; x < x0 + BLOCK; x++) {
                if ((px[row + x] & 0xffffff) != c) {
                    return -1;
                }
            }
        }
        return c;
    }
}
