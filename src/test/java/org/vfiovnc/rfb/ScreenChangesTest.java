package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vfiovnc.damage.Move;
import org.vfiovnc.damage.Region;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * A scroll that arrives while the sender encodes an update, or of the frame the loop wrote meanwhile:
 * the sender reads that update's rectangles from the live framebuffer, so they may reach the viewer
 * with the scrolled frame's pixels, and the viewer's CopyRect then shifts them a second time. Their
 * destinations must be sent again as pixels.
 */
class ScreenChangesTest {
    private static final Rect ALL = new Rect(0, 0, 256, 128);
    /** The frame's top 112 rows scroll up by 16: what was at rows 16..128 is now at 0..112. */
    private static final List<Move> SCROLL_UP = List.of(Move.vertical(new Rect(0, 0, 256, 112), -16));
    private static final Region EXPOSED = new Region(new Rect(0, 112, 256, 16));

    private static ScreenChanges withTextAt(Rect text) {
        ScreenChanges s = new ScreenChanges();
        s.start(new Framebuffer(ALL.width(), ALL.height()), Optional.empty());
        s.damaged(new Region(text));
        return s;
    }

    private static Region damageLeft(ScreenChanges s) {
        Region r = new Region();
        s.takeDamage(ALL).forEach(r::add);
        return r;
    }

    private static boolean covers(Region r, Rect want) {
        Region left = new Region(want);
        r.rects().forEach(left::subtract);
        return left.isEmpty();
    }

    /** The text is taken at publication 10; the scroll is frame 11. */
    @Test
    void aScrollWhileAnUpdateIsEncodedSendsItsRectanglesAgainWhereTheyLand() {
        Rect text = new Rect(32, 48, 64, 16);
        ScreenChanges s = withTextAt(text);
        assertEquals(List.of(text), s.takeDamage(ALL), "the sender takes the text");
        // Not sent yet: the refresh loop publishes the scroll meanwhile.
        assertTrue(s.damagedWithMoves(SCROLL_UP, EXPOSED, 11));
        assertTextDueAgain(s);
    }

    /**
     * The update was encoded while the loop had published 10: it may have read frame 11's pixels,
     * which the loop writes before it tells anyone of the frame.
     */
    @Test
    void aScrollOfTheFrameWrittenWhileTheUpdateWasEncodedSendsItsRectanglesAgain() {
        Rect text = new Rect(32, 48, 64, 16);
        ScreenChanges s = withTextAt(text);
        s.sent(s.takeDamage(ALL), List.of(), 10);
        assertTrue(s.damagedWithMoves(SCROLL_UP, EXPOSED, 11));
        assertTextDueAgain(s);
    }

    /** Frame 12 was written after the update was encoded (at 10) and frame 11 was told of. */
    @Test
    void aScrollOfALaterFrameCopiesTheUpdateWithNothingMore() {
        Rect text = new Rect(32, 48, 64, 16);
        ScreenChanges s = withTextAt(text);
        s.sent(s.takeDamage(ALL), List.of(), 10);
        assertTrue(s.damagedWithMoves(SCROLL_UP, EXPOSED, 12));
        assertEquals(SCROLL_UP, s.takeMoves(ALL, true));
        Region due = damageLeft(s);
        assertEquals(EXPOSED.area(), due.area(), "only the exposed rows: " + due);
    }

    private static void assertTextDueAgain(ScreenChanges s) {
        assertEquals(SCROLL_UP, s.takeMoves(ALL, true));
        Region due = damageLeft(s);
        assertTrue(covers(due, new Rect(32, 32, 64, 16)), "the text's destination is due again: " + due);
        assertTrue(covers(due, EXPOSED.rects().get(0)), "the exposed rows are due: " + due);
    }
}
