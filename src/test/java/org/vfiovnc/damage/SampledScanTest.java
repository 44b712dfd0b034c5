package org.vfiovnc.damage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiovnc.damage.TileDifferTest.Screen;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.Rect;

class SampledScanTest {
    private static final int STEP = SampledScan.DEFAULT_STEP;
    /** Never a full compare in these tests, so that every tick after the first is sampled. */
    private static final int NO_FULL = Integer.MAX_VALUE;

    private static int colour = 0x010203;

    private static void paint(Screen s, Rect r) {
        // A colour no earlier paint used, so every pixel of r really changes.
        colour = (colour + 0x0b1d2f) & 0xffffff;
        for (int y = r.y(); y < r.bottom(); y++) {
            for (int x = r.x(); x < r.right(); x++) {
                s.set(x, y, colour ^ (x * 7 + y * 13) & 0x3f);
            }
        }
    }

    @Test
    void phasesVisitEveryRowOnce() {
        for (int step : new int[] {1, 2, 4, 6, 8, 16}) {
            int[] order = SampledScan.phaseOrder(step);
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < step; i++) {
                assertEquals(i, sorted[i], "step " + step + ": " + Arrays.toString(order));
            }
        }
        assertArrayEquals(new int[] {0, 4, 2, 6, 1, 5, 3, 7}, SampledScan.phaseOrder(8));
    }

    @ParameterizedTest(name = "{0} {1}x{2} pad {3}")
    @CsvSource({"XR24,300,260,0", "XR24,197,203,20", "RG16,150,140,6", "RG24,130,150,3"})
    void changeAtLeastStepRowsTallIsFoundWholeInOneTick(String fourcc, int w, int h, int pad) {
        PixelLayout layout = PixelLayout.byName(fourcc).orElseThrow();
        Screen s = new Screen(w, h, pad, layout);
        TileDiffer d = new TileDiffer(w, h, layout);
        SampledScan scan = new SampledScan(d, STEP, NO_FULL);
        scan.diff(s.surface(), true);
        int tries = 0;
        // Tops on and around tile edges, heights from STEP up, under every phase of the rotation.
        for (int top = 0; top + STEP <= h; top += 3) {
            for (int height = STEP; height <= STEP + 9 && top + height <= h; height += 3) {
                Rect r = new Rect((top * 5) % (w - 40), top, 20 + top % 17, height);
                paint(s, r);
                Region found = scan.diff(s.surface(), true);
                assertEquals(r.area(), found.area(), "change " + r + " at tick " + tries + ": found " + found);
                assertEquals(r, found.bounds());
                assertArrayEquals(s.canonical(), d.framebuffer().pixels(), "framebuffer after " + r);
                tries++;
            }
        }
        assertTrue(tries > 100, "tried " + tries);
        assertEquals(1, scan.fullScans(), "only the first frame was compared in full");
    }

    @Test
    void oneRowChangeIsFoundWithinStepTicks() {
        Screen s = new Screen(256, 200, 0, PixelLayout.XR24);
        TileDiffer d = new TileDiffer(256, 200, PixelLayout.XR24);
        SampledScan scan = new SampledScan(d, STEP, NO_FULL);
        scan.diff(s.surface(), true);
        int slowest = 0;
        for (int y = 0; y < 200; y += 5) {
            Rect r = new Rect(y % 200, y, 3, 1);
            paint(s, r);
            Found f = tickUntilFound(scan, s, STEP);
            Region found = f.damage();
            int ticks = f.ticks();
            assertEquals(List.of(r), found.rects(), "row " + y + " after " + ticks + " ticks");
            slowest = Math.max(slowest, ticks);
        }
        assertTrue(slowest <= STEP, "a one-row change took " + slowest + " ticks");
        // The scan is really sampled: some one-row change had to wait for its row's turn.
        assertTrue(slowest > 1, "every one-row change was found at once");
    }

    @Test
    void shortChangeOffTheSampledRowsWaitsForItsTurn() {
        Screen s = new Screen(128, 128, 0, PixelLayout.XR24);
        TileDiffer d = new TileDiffer(128, 128, PixelLayout.XR24);
        SampledScan scan = new SampledScan(d, STEP, NO_FULL);
        scan.diff(s.surface(), true);
        // The first sampled tick looks at rows STEP/2, STEP/2 + STEP, ... (phases 0, STEP/2, ...): not row 0.
        paint(s, new Rect(10, 0, 5, 1));
        assertTrue(scan.diff(s.surface(), true).isEmpty());
        // A full compare sees it at once.
        assertEquals(List.of(new Rect(10, 0, 5, 1)), scan.diff(s.surface(), false).rects());
    }

    @ParameterizedTest(name = "{0} pad {1} seed {2} cold every {3}")
    @CsvSource({"XR24,0,1,1", "XR24,12,2,1", "RG16,4,3,1", "XR24,0,4,1", "XR24,0,5,4", "RG24,8,6,4", "XR24,4,7,3"})
    void nothingIsEverLost(String fourcc, int pad, long seed, int coldEvery) {
        PixelLayout layout = PixelLayout.byName(fourcc).orElseThrow();
        int w = 320;
        int h = 240;
        Screen s = new Screen(w, h, pad, layout);
        TileDiffer d = new TileDiffer(w, h, layout);
        SampledScan scan = new SampledScan(d, STEP, 16, coldEvery);
        scan.diff(s.surface(), true);
        Random rnd = new Random(seed);
        // Pixels changed and not yet covered by any reported damage.
        boolean[] owed = new boolean[w * h];
        for (int tick = 0; tick < 400; tick++) {
            int changes = tick < 380 ? rnd.nextInt(4) : 0;
            for (int i = 0; i < changes; i++) {
                int rw = 1 + rnd.nextInt(40);
                int rh = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3) : 1 + rnd.nextInt(30);
                Rect r = new Rect(rnd.nextInt(w - rw + 1), rnd.nextInt(h - rh + 1), rw, rh);
                paint(s, r);
                for (int y = r.y(); y < r.bottom(); y++) {
                    Arrays.fill(owed, y * w + r.x(), y * w + r.right(), true);
                }
            }
            Region found = scan.diff(s.surface(), rnd.nextInt(10) != 0);
            for (Rect r : found.rects()) {
                for (int y = r.y(); y < r.bottom(); y++) {
                    Arrays.fill(owed, y * w + r.x(), y * w + r.right(), false);
                }
            }
        }
        for (int i = 0; i < owed.length; i++) {
            assertFalse(owed[i], "change at " + i % w + "," + i / w + " never reported");
        }
        assertArrayEquals(s.canonical(), d.framebuffer().pixels());
        assertTrue(scan.sampledScans() > 300, "sampled " + scan.sampledScans());
        assertTrue(scan.fullScans() > 20, "full " + scan.fullScans());
    }

    /** Makes the tiles under {@code r} hot: a change there, found by the next tick. */
    private static void heat(Screen s, SampledScan scan, Rect r) {
        paint(s, r);
        assertEquals(r.area(), tickUntilFound(scan, s, 64 * STEP - 1).damage().area(), "warming " + r);
    }

    /** The first non-empty damage of sampled ticks (or the last, empty, after {@code limit} + 1 ticks) and how many ticks it took. */
    private record Found(Region damage, int ticks) {}

    private static Found tickUntilFound(SampledScan scan, Screen s, int limit) {
        int ticks = 0;
        Region found;
        do {
            found = scan.diff(s.surface(), true);
            ticks++;
        } while (found.isEmpty() && ticks <= limit);
        return new Found(found, ticks);
    }

    @Test
    void tallChangeInAHotAreaIsFoundInOneTickInAColdAreaWithinColdEvery() {
        int cold = 4;
        Screen s = new Screen(512, 256, 0, PixelLayout.XR24);
        TileDiffer d = new TileDiffer(512, 256, PixelLayout.XR24);
        SampledScan scan = new SampledScan(d, STEP, NO_FULL, cold);
        scan.diff(s.surface(), true);
        heat(s, scan, new Rect(0, 0, 192, 256)); // tile columns 0-2 hot
        for (int i = 0; i < 48; i++) {
            // Every phase of the rotation, tops on and off tile edges.
            Rect inHot = new Rect(10 + i % 5 * 30, i * 5 % (256 - STEP - 6), 20, STEP + i % 7);
            paint(s, inHot);
            Region found = scan.diff(s.surface(), true);
            assertEquals(inHot.area(), found.area(), "hot change " + inHot + " at tick " + i + ": " + found);
        }
        int slowestCold = 0;
        for (int i = 0; i < 24; i++) {
            for (int t = 0; t <= SampledScan.HOT_TICKS; t++) {
                assertTrue(scan.diff(s.surface(), true).isEmpty()); // everything cools down
            }
            Rect inCold = new Rect(200 + i % 4 * 70, i * 7 % (256 - STEP - 6), 24, STEP + i % 5);
            paint(s, inCold);
            Found f = tickUntilFound(scan, s, cold);
            Region found = f.damage();
            int ticks = f.ticks();
            assertEquals(inCold.area(), found.area(), "cold change " + inCold + " after " + ticks + " ticks: " + found);
            slowestCold = Math.max(slowestCold, ticks);
        }
        assertTrue(slowestCold <= cold, "a cold change took " + slowestCold + " ticks");
        assertTrue(slowestCold > 1, "cold tiles were sampled every tick");
        assertArrayEquals(s.canonical(), d.framebuffer().pixels());
    }

    @Test
    void oneRowChangeInHotTilesIsFoundWithinStepHotTicks() {
        int cold = 4;
        Screen s = new Screen(512, 256, 0, PixelLayout.XR24);
        TileDiffer d = new TileDiffer(512, 256, PixelLayout.XR24);
        SampledScan scan = new SampledScan(d, STEP, NO_FULL, cold);
        scan.diff(s.surface(), true);
        // STEP hot ticks come within this many ticks (one in coldEvery is a cold tick).
        int limit = STEP * cold / (cold - 1) + 1;
        int slowest = 0;
        for (int y = 0; y < 256; y += 3) {
            heat(s, scan, new Rect(0, 0, 192, 256)); // tile columns 0-2 hot, whatever the last probe took
            Rect r = new Rect(20 + y % 150, y, 4, 1);
            paint(s, r);
            Found f = tickUntilFound(scan, s, limit);
            Region found = f.damage();
            int ticks = f.ticks();
            assertEquals(List.of(r), found.rects(), "row " + y + " after " + ticks + " ticks");
            slowest = Math.max(slowest, ticks);
        }
        assertTrue(slowest > 1, "every one-row change was found at once");
    }

    @Test
    void changeSpreadingFromAHotTileIntoColdNeighboursIsFoundWholeInOneTick() {
        Screen s = new Screen(640, 384, 0, PixelLayout.XR24);
        TileDiffer d = new TileDiffer(640, 384, PixelLayout.XR24);
        SampledScan scan = new SampledScan(d, STEP, NO_FULL, 4);
        scan.diff(s.surface(), true);
        for (int i = 0; i < 24; i++) {
            for (int t = 0; t <= SampledScan.HOT_TICKS; t++) {
                scan.diff(s.surface(), true); // everything cools down
            }
            // One tile hot, then a window in it that reaches into the cold tiles right of and below
            // it, with at least STEP of its rows in the hot tile (fewer may fall between sampled rows).
            int tx = 64 * (i % 8);
            int ty = 64 * (i % 5);
            heat(s, scan, new Rect(tx + 20, ty + 20, 8, 8));
            Rect window = new Rect(tx + 30, ty + 64 - STEP - i % 3 * 4, 70, STEP + 14);
            paint(s, window);
            Region found = scan.diff(s.surface(), true);
            assertEquals(window.area(), found.area(), "step " + i + ": " + window + " found " + found);
        }
    }

    @Test
    void sampledRowsMarkTheirTileAndTheNeighbourWithinStepOfTheEdge() {
        Screen s = new Screen(256, 256, 0, PixelLayout.XR24);
        TileDiffer d = new TileDiffer(256, 256, PixelLayout.XR24);
        d.diff(s.surface());
        paint(s, new Rect(70, 66, 2, 1));   // column 1, row 1, 2 rows below the edge
        paint(s, new Rect(200, 98, 2, 1));  // column 3, row 1, mid-tile
        TileMask mask = d.newTileMask();
        d.sampleRows(s.surface(), 2, STEP, mask);
        assertTrue(mask.marked(1, 1) && mask.marked(1, 0), "tile and the one above");
        assertTrue(mask.marked(3, 1));
        assertEquals(3, mask.count());
        // Sampling updates nothing: the exact compare of all tiles still finds both changes.
        assertEquals(2, d.diff(s.surface()).rects().size());
    }
}
