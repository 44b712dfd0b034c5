package org.vfiovnc.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/** The planner's pieces cover each damaged rectangle exactly once, and large solid areas become their own pieces. */
class RectPlannerTest {

    @Test
    void piecesTileTheRectExactly() {
        Framebuffer fb = new Framebuffer(517, 301);
        int[] px = fb.pixels();
        for (int i = 0; i < px.length; i++) {
            int x = i % 517;
            int y = i / 517;
            px[i] = (x > 100 && x < 300 && y > 40 && y < 200) ? 0x123456 : (x < 60 ? 0x00ff00 : (x * 7 + y * 13) & 0xffffff);
        }
        for (Rect r : List.of(fb.bounds(), new Rect(3, 5, 400, 250), new Rect(0, 0, 20, 20))) {
            for (Encoder e : List.of(new ZrleEncoder(6), new TightEncoder(false), new RawEncoder())) {
                List<Rect> pieces = RectPlanner.plan(fb, List.of(r), e);
                int[] cover = new int[px.length];
                for (Rect p : pieces) {
                    assertTrue(r.contains(p), p + " outside " + r);
                    for (int y = p.y(); y < p.bottom(); y++) {
                        for (int x = p.x(); x < p.right(); x++) {
                            cover[y * 517 + x]++;
                        }
                    }
                }
                for (int y = 0; y < 301; y++) {
                    for (int x = 0; x < 517; x++) {
                        boolean inside = x >= r.x() && x < r.right() && y >= r.y() && y < r.bottom();
                        assertEquals(inside ? 1 : 0, cover[y * 517 + x], "pixel " + x + "," + y + " for " + r + " " + e.encoding());
                    }
                }
            }
        }
    }

    @Test
    void solidAreasAreFound() {
        Framebuffer fb = new Framebuffer(256, 256);
        List<Rect> solid = RectPlanner.findSolid(fb, fb.bounds());
        assertEquals(List.of(new Rect(0, 0, 256, 256)), solid);
        Framebuffer demo = new Framebuffer(64, 64);
        demo.pixels()[64 * 20 + 20] = 1;
        assertTrue(RectPlanner.findSolid(demo, demo.bounds()).stream().noneMatch(r -> r.contains(new Rect(20, 20, 1, 1))));
    }
}
