package org.vfiovnc.damage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.Rect;

/**
 * The differ's damage is, tile by tile, exactly the bounding box of the pixels that changed:
 * random bars, blocks and dots (many of them across a tile's whole width, with unchanged rows
 * between a tile's first and last changed row) checked against a pixel-by-pixel compare.
 */
class TileDifferShrinkTest {
    private static final int W = 300;
    private static final int H = 200;
    private static final int TILE = 64;

    @ParameterizedTest(name = "row padding {0}, candidate mask {1}")
    @CsvSource({"0,false", "8,false", "0,true", "8,true"})
    void damageIsEachTilesBoundingBoxOfChangedPixels(int pad, boolean withMask) {
        TileDifferTest.Screen s = new TileDifferTest.Screen(W, H, pad, PixelLayout.XR24);
        TileDiffer d = new TileDiffer(W, H, PixelLayout.XR24, TILE);
        d.setDetectMoves(false);
        d.diff(s.surface());
        TileMask all = d.newTileMask();
        for (int r = 0; r < all.rows(); r++) {
            for (int c = 0; c < all.cols(); c++) {
                all.mark(c, r);
            }
        }
        Random rnd = new Random(17 + pad);
        for (int round = 0; round < 300; round++) {
            int[] before = s.canonical();
            int colour = 0x010203 * (round + 1) & 0xffffff;
            for (int n = rnd.nextInt(4) + 1; n > 0; n--) {
                paint(s, rnd, colour + n);
            }
            int[] after = s.canonical();
            Region damage = withMask ? d.diff(s.surface(), all) : d.diff(s.surface());
            assertArrayEquals(expectedCover(before, after), cover(damage), "round " + round + ": " + damage);
            assertArrayEquals(after, d.framebuffer().pixels(), "round " + round);
        }
    }

    /** A bar across one or more tiles, a block, or a few dots, some rows of them left out. */
    private static void paint(TileDifferTest.Screen s, Random rnd, int colour) {
        int kind = rnd.nextInt(3);
        int x0;
        int x1;
        if (kind == 0) {
            // From a tile's left edge to a tile's right edge (or the screen's).
            int firstCol = rnd.nextInt((W + TILE - 1) / TILE);
            x0 = firstCol * TILE;
            x1 = Math.min(W, (firstCol + 1 + rnd.nextInt(2)) * TILE);
        } else {
            x0 = rnd.nextInt(W);
            x1 = Math.min(W, x0 + 1 + rnd.nextInt(kind == 1 ? 150 : 3));
        }
        int y0 = rnd.nextInt(H);
        int y1 = Math.min(H, y0 + 1 + rnd.nextInt(kind == 2 ? 3 : 90));
        int skipEvery = 2 + rnd.nextInt(5);
        for (int y = y0; y < y1; y++) {
            if (kind == 0 && y != y0 && y != y1 - 1 && y % skipEvery == 0) {
                continue;
            }
            for (int x = x0; x < x1; x++) {
                s.set(x, y, colour);
            }
        }
    }

    /** Per tile, the bounding box of the pixels that differ between the frames, rasterised. */
    private static boolean[] expectedCover(int[] before, int[] after) {
        boolean[] out = new boolean[W * H];
        for (int ty = 0; ty < H; ty += TILE) {
            for (int tx = 0; tx < W; tx += TILE) {
                int left = Integer.MAX_VALUE;
                int right = -1;
                int top = Integer.MAX_VALUE;
                int bottom = -1;
                for (int y = ty; y < Math.min(H, ty + TILE); y++) {
                    for (int x = tx; x < Math.min(W, tx + TILE); x++) {
                        if (before[y * W + x] != after[y * W + x]) {
                            left = Math.min(left, x);
                            right = Math.max(right, x);
                            top = Math.min(top, y);
                            bottom = Math.max(bottom, y);
                        }
                    }
                }
                if (right >= 0) {
                    fill(out, new Rect(left, top, right - left + 1, bottom - top + 1));
                }
            }
        }
        return out;
    }

    private static boolean[] cover(Region damage) {
        boolean[] out = new boolean[W * H];
        long sum = 0;
        for (Rect r : damage.rects()) {
            fill(out, r);
            sum += r.area();
        }
        long covered = 0;
        for (boolean b : out) {
            covered += b ? 1 : 0;
        }
        assertEquals(covered, sum, "damage rects overlap: " + damage);
        return out;
    }

    private static void fill(boolean[] out, Rect r) {
        for (int y = r.y(); y < r.bottom(); y++) {
            for (int x = r.x(); x < r.right(); x++) {
                out[y * W + x] = true;
            }
        }
    }
}
