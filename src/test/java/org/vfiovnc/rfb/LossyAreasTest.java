package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiovnc.damage.Region;
import org.vfiovnc.surface.Rect;

/**
 * The lossless refresh is per area: a resting lossy area is due after the quiet time however
 * much another area keeps changing, and only the resting one is taken.
 */
class LossyAreasTest {
    private static final long MS = 1_000_000L;
    private static final Rect LEFT = new Rect(0, 0, 640, 720);
    private static final Rect RIGHT = new Rect(640, 0, 640, 720);
    private static final Rect SCREEN = new Rect(0, 0, 1280, 720);

    private static long area(List<Rect> rects) {
        return rects.stream().mapToLong(Rect::area).sum();
    }

    private static boolean inside(List<Rect> rects, Rect outer) {
        return rects.stream().allMatch(outer::contains);
    }

    @Test
    void aRestingAreaIsDueWhileAnotherKeepsChanging() {
        LossyAreas lossy = new LossyAreas(400);
        long t = 1_000 * MS;
        lossy.sentLossy(List.of(SCREEN), t);
        // The right half changes every 50 ms for 2 s, and each change goes out lossy again.
        for (long at = t + 50 * MS; at <= t + 2_000 * MS; at += 50 * MS) {
            lossy.damaged(new Region(RIGHT), at);
            lossy.sentLossy(List.of(RIGHT), at);
            if (at < t + 400 * MS) {
                assertFalse(lossy.dueIn(SCREEN, at), "due before the quiet time at +" + (at - t) / MS + " ms");
            }
        }
        long now = t + 2_000 * MS;
        assertTrue(lossy.dueIn(SCREEN, now), "the still left half was never due");
        assertTrue(lossy.dueIn(LEFT, now));
        assertFalse(lossy.dueIn(RIGHT, now), "the moving right half must wait");
        List<Rect> refresh = lossy.take(SCREEN, now, Long.MAX_VALUE);
        assertEquals(LEFT.area(), area(refresh), "exactly the left half is refreshed");
        assertTrue(inside(refresh, LEFT), "nothing of the moving half: " + refresh);
        assertFalse(lossy.dueIn(SCREEN, now), "taken areas are exact now");
        assertTrue(lossy.touches(RIGHT), "the right half is still lossy");
        assertFalse(lossy.touches(LEFT));
    }

    @Test
    void losslessPixelsOverALossyAreaMakeItExact() {
        LossyAreas lossy = new LossyAreas(400);
        lossy.sentLossy(List.of(SCREEN), 0);
        lossy.sentLossless(List.of(LEFT));
        assertFalse(lossy.touches(LEFT));
        assertTrue(lossy.touches(RIGHT));
        assertEquals(RIGHT.area(), area(lossy.take(SCREEN, 1_000 * MS, Long.MAX_VALUE)));
        assertTrue(lossy.isEmpty());
    }

    @Test
    void aRefreshTakesTheLongestRestingTilesFirstWithinItsShare() {
        LossyAreas lossy = new LossyAreas(400);
        Rect older = new Rect(0, 0, 256, 256);
        Rect newer = new Rect(512, 0, 256, 256);
        lossy.sentLossy(List.of(older), 0);
        lossy.sentLossy(List.of(newer), 100 * MS);
        List<Rect> first = lossy.take(SCREEN, 1_000 * MS, 256 * 256);
        assertEquals(older.area(), area(first), "one share: " + first);
        assertTrue(inside(first, older), "the older area first: " + first);
        List<Rect> second = lossy.take(SCREEN, 1_000 * MS, 256 * 256);
        assertTrue(inside(second, newer), "the rest on the next update: " + second);
        assertTrue(lossy.isEmpty());
    }

    @Test
    void theSenderIsToldWhenTheFirstTileBecomesDue() {
        LossyAreas lossy = new LossyAreas(400);
        assertEquals(Long.MAX_VALUE, lossy.nanosUntilDue(0));
        lossy.sentLossy(List.of(LEFT), 0);
        lossy.sentLossy(List.of(RIGHT), 300 * MS);
        assertEquals(100 * MS, lossy.nanosUntilDue(300 * MS), "the left half is due 400 ms after it went out");
        lossy.damaged(new Region(LEFT), 350 * MS);
        assertEquals(350 * MS, lossy.nanosUntilDue(350 * MS), "now the right half is first");
        assertEquals(0, lossy.nanosUntilDue(800 * MS));
    }

    @Test
    void onlyTheRequestedAreaIsTaken() {
        LossyAreas lossy = new LossyAreas(400);
        lossy.sentLossy(List.of(SCREEN), 0);
        List<Rect> part = lossy.take(new Rect(100, 100, 200, 100), 1_000 * MS, Long.MAX_VALUE);
        assertEquals(200 * 100, area(part));
        assertTrue(lossy.touches(new Rect(0, 0, 10, 10)));
    }
}
