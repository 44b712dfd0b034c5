package org.vfiovnc.damage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vfiovnc.surface.Rect;

class RegionTest {

    private static boolean[] paint(List<Rect> rects, int w, int h) {
        boolean[] px = new boolean[w * h];
        for (Rect r : rects) {
            for (int y = r.y(); y < r.bottom(); y++) {
                for (int x = r.x(); x < r.right(); x++) {
                    px[y * w + x] = true;
                }
            }
        }
        return px;
    }

    private static void assertDisjoint(Region r) {
        List<Rect> rs = r.rects();
        for (int i = 0; i < rs.size(); i++) {
            for (int j = i + 1; j < rs.size(); j++) {
                assertFalse(rs.get(i).intersects(rs.get(j)), rs.get(i) + " overlaps " + rs.get(j));
            }
        }
    }

    @Test
    void randomUnionsCoverExactlyTheirPixels() {
        Random rnd = new Random(42);
        for (int round = 0; round < 50; round++) {
            Region region = new Region();
            List<Rect> added = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Rect r = new Rect(rnd.nextInt(80), rnd.nextInt(60), 1 + rnd.nextInt(30), 1 + rnd.nextInt(30));
                added.add(r);
                region.add(r);
            }
            assertDisjoint(region);
            boolean[] expected = paint(added, 120, 100);
            boolean[] actual = paint(region.rects(), 120, 100);
            assertTrue(java.util.Arrays.equals(expected, actual), "round " + round);
            long count = 0;
            for (boolean b : expected) {
                count += b ? 1 : 0;
            }
            assertEquals(count, region.area());
        }
    }

    @Test
    void subtractAndIntersect() {
        Region r = new Region(new Rect(0, 0, 100, 100));
        r.subtract(new Rect(25, 25, 50, 50));
        assertEquals(10000 - 2500, r.area());
        assertDisjoint(r);
        r.intersect(new Rect(0, 0, 50, 50));
        assertEquals(2500 - 625, r.area());
    }

    @Test
    void adjacentTilesCoalesce() {
        Region r = new Region();
        for (int x = 0; x < 256; x += 64) {
            r.add(new Rect(x, 0, 64, 64));
        }
        assertEquals(List.of(new Rect(0, 0, 256, 64)), r.rects());
    }

    @Test
    void tooManyRectsCollapseToBoundingBox() {
        Region r = new Region();
        for (int i = 0; i < Region.MAX_RECTS + 10; i++) {
            r.add(new Rect(i * 2, (i % 2) * 3, 1, 1));
        }
        assertTrue(r.rects().size() <= Region.MAX_RECTS);
        assertEquals(r.bounds(), new Rect(0, 0, (Region.MAX_RECTS + 9) * 2 + 1, 4));
    }
}
