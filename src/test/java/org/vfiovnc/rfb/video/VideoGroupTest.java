package org.vfiovnc.rfb.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vfiovnc.encoding.h264.H264Settings;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/** One encoder for many viewers: when it encodes, what each member gets, joins, failures, retirement. */
class VideoGroupTest {
    private static final Rect AREA = new Rect(64, 32, 320, 240);
    private final Framebuffer fb = new Framebuffer(640, 480);
    private final List<FakeEncoder> opened = new ArrayList<>();

    private VideoGroup group() {
        return new VideoGroup(new VideoGroup.Key(AREA, 6, null), H264Settings.defaults(), FakeEncoder.opener(opened), new VideoCounters());
    }

    private static List<Integer> frameNumbers(VideoGroup.Take t) {
        List<Integer> out = new ArrayList<>();
        for (VideoGroup.Frame f : t.frames()) {
            out.add(FakeEncoder.frameOf(f.data()));
        }
        return out;
    }

    @Test
    void oneEncodePerChangeHoweverManyMembersAsk() {
        VideoGroup g = group();
        VideoGroup.Take a = g.take(0, fb);
        VideoGroup.Take b = g.take(0, fb);
        assertEquals(List.of(0), frameNumbers(a));
        assertEquals(List.of(0), frameNumbers(b), "the second joiner replays the first IDR");
        assertTrue(a.fresh() && b.fresh(), "joiners start a new decoder context");
        assertEquals(1, opened.get(0).calls.size());
        for (int i = 1; i <= 5; i++) {
            g.changed(new Rect(100, 50, 10, 10));
            VideoGroup.Take x = g.take(a.newest(), fb);
            VideoGroup.Take y = g.take(b.newest(), fb);
            assertEquals(List.of(i), frameNumbers(x));
            assertEquals(List.of(i), frameNumbers(y));
            assertFalse(x.fresh() || y.fresh());
            assertEquals(0, y.encodeNanos(), "the second member only copies");
            a = x;
            b = y;
        }
        assertEquals(6, opened.get(0).calls.size());
        assertEquals(1, opened.size(), "one encoder");
    }

    @Test
    void aMemberUpToDateGetsNothingNew() {
        VideoGroup g = group();
        VideoGroup.Take a = g.take(0, fb);
        VideoGroup.Take again = g.take(a.newest(), fb);
        assertEquals(VideoGroup.Status.FRAMES, again.status());
        assertEquals(List.of(), again.frames());
    }

    @Test
    void onlyTheChangedPartIsConvertedInAreaCoordinates() {
        VideoGroup g = group();
        VideoGroup.Take a = g.take(0, fb);
        g.changed(new Rect(0, 0, 100, 50)); // reaches into the area's corner
        g.changed(new Rect(600, 400, 40, 40)); // outside the area
        g.take(a.newest(), fb);
        FakeEncoder.Call c = opened.get(0).calls.get(1);
        assertEquals(new FakeEncoder.Call(64, 32, new Rect(0, 0, 36, 18), false), c);
    }

    @Test
    void aMemberThatMissedFramesGetsAllOfThemInOrder() {
        VideoGroup g = group();
        VideoGroup.Take fast = g.take(0, fb);
        VideoGroup.Take slow = g.take(0, fb);
        for (int i = 0; i < 3; i++) {
            g.changed(AREA);
            fast = g.take(fast.newest(), fb);
        }
        VideoGroup.Take caught = g.take(slow.newest(), fb);
        assertEquals(List.of(1, 2, 3), frameNumbers(caught));
        assertFalse(caught.fresh());
    }

    @Test
    void aLateJoinerReplaysARecentIdrButForcesOneWhenTheLastIsOld() {
        VideoGroup g = group();
        VideoGroup.Take a = g.take(0, fb);
        for (int i = 0; i < 3; i++) {
            g.changed(AREA);
            a = g.take(a.newest(), fb);
        }
        VideoGroup.Take late = g.take(0, fb);
        assertEquals(List.of(0, 1, 2, 3), frameNumbers(late), "replay from the IDR: few frames");
        assertTrue(late.fresh());
        for (int i = 0; i < VideoGroup.REPLAY_FRAMES; i++) {
            g.changed(AREA);
            a = g.take(a.newest(), fb);
        }
        VideoGroup.Take later = g.take(0, fb);
        assertEquals(1, later.frames().size(), "a new IDR rather than a long replay");
        assertTrue(FakeEncoder.isIdr(later.frames().get(0).data()));
        assertTrue(opened.get(0).calls.get(opened.get(0).calls.size() - 1).idr());
        // The member already in the stream gets the same IDR as its next frame, without a reset.
        VideoGroup.Take next = g.take(a.newest(), fb);
        assertEquals(frameNumbers(later), frameNumbers(next));
        assertFalse(next.fresh());
    }

    @Test
    void aMemberThatFellOutOfTheRingStartsAgain() {
        VideoGroup g = group();
        VideoGroup.Take gone = g.take(0, fb);
        VideoGroup.Take a = gone;
        for (int i = 0; i < VideoGroup.MAX_FRAMES + 5; i++) {
            g.changed(AREA);
            a = g.take(a.newest(), fb);
        }
        VideoGroup.Take back = g.take(gone.newest(), fb);
        assertTrue(back.fresh());
        assertTrue(FakeEncoder.isIdr(back.frames().get(0).data()));
    }

    @Test
    void anEncoderThatCannotOpenFailsTheGroupOnce() {
        AtomicInteger attempts = new AtomicInteger();
        VideoGroup g = new VideoGroup(new VideoGroup.Key(AREA, 6, null), H264Settings.defaults(),
                FakeEncoder.failing(attempts), new VideoCounters());
        assertEquals(VideoGroup.Status.FAILED, g.take(0, fb).status());
        assertEquals(VideoGroup.Status.FAILED, g.take(0, fb).status());
        assertEquals(1, attempts.get(), "not retried for every update");
    }

    @Test
    void anEncodeFailureFailsTheGroupAndFreesTheEncoder() {
        VideoGroup g = group();
        VideoGroup.Take a = g.take(0, fb);
        opened.get(0).failWith = "fake: out of memory";
        g.changed(AREA);
        assertEquals(VideoGroup.Status.FAILED, g.take(a.newest(), fb).status());
        assertTrue(opened.get(0).closed);
    }

    @Test
    void aRetiredGroupEndsAndFreesItsEncoder() {
        VideoGroup g = group();
        g.take(0, fb);
        g.retire();
        assertTrue(opened.get(0).closed);
        assertEquals(VideoGroup.Status.ENDED, g.take(1, fb).status());
    }

    @Test
    void anAreaOutsideANewSmallerScreenIsNotEncoded() {
        VideoGroup g = group();
        assertEquals(VideoGroup.Status.FAILED, g.take(0, new Framebuffer(200, 100)).status());
    }
}
