package org.vfiovnc.rfb.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfiovnc.damage.Region;
import org.vfiovnc.surface.Rect;

/** When damage makes a video area, what rectangle it gets, when it stops being one. */
class MotionTrackerTest {
    private static final long MS = 1_000_000L;
    private final MotionTracker tracker = new MotionTracker();
    private long now = 1_000_000_000L;

    @BeforeEach
    void screen() {
        tracker.reset(1920, 1080);
    }

    /** {@code frames} ticks {@code gapMs} apart, each damaging {@code r}. */
    private void play(Rect r, int frames, long gapMs) {
        for (int i = 0; i < frames; i++) {
            now += gapMs * MS;
            tracker.damaged(new Region(r), now);
        }
    }

    @Test
    void tenFramesAtVideoRateMakeAnAreaOfTheirDamage() {
        Rect video = new Rect(301, 211, 641, 359);
        play(video, MotionTracker.MIN_FRAMES - 1, 33);
        assertEquals(List.of(), tracker.active(now), "nine frames are not yet motion");
        play(video, 1, 33);
        // The damage box, snapped outwards to even edges.
        assertEquals(List.of(new Rect(300, 210, 642, 360)), tracker.active(now));
    }

    @Test
    void slowChangesAreNotVideo() {
        Rect clock = new Rect(100, 100, 400, 300);
        play(clock, 40, 160); // gaps over the limit: every touch starts a new run
        assertEquals(List.of(), tracker.active(now));
        play(clock, 40, 90); // about 11 per second: touches in one run, but below 15 per second
        assertEquals(List.of(), tracker.active(now));
    }

    @Test
    void aRedrawSeenInPiecesOverConsecutiveTicksIsOneFrame() {
        Rect marker = new Rect(0, 0, 480, 270);
        // Ten redraws a second, each seen over two ticks 5 ms apart: ten frames a second, not twenty.
        for (int i = 0; i < 40; i++) {
            play(marker, 1, 95);
            play(marker, 1, 5);
        }
        assertEquals(List.of(), tracker.active(now));
    }

    @Test
    void aVideoSeenInPiecesIsStillVideo() {
        Rect video = new Rect(0, 0, 640, 360);
        // 25 frames a second, each seen over two or three ticks.
        for (int i = 0; i < 12; i++) {
            play(video, 1, 30);
            play(video, 1, 5);
            if (i % 2 == 0) {
                play(video, 1, 5);
            }
        }
        assertEquals(List.of(video), tracker.active(now));
    }

    @Test
    void changesOnEveryFastTickAreVideo() {
        Rect game = new Rect(0, 0, 640, 360);
        play(game, 60, 5);
        assertEquals(List.of(game), tracker.active(now));
    }

    @Test
    void aFifteenFrameVideoSeenWithTheLoopsJitterIsVideo() {
        Rect video = new Rect(0, 0, 640, 360);
        for (int i = 0; i < 8; i++) {
            play(video, 1, 55);
            play(video, 1, 82); // 14.6 frames per second measured
        }
        assertEquals(List.of(video), tracker.active(now));
    }

    @Test
    void smallMovingThingsAreNotWorthADecoder() {
        play(new Rect(10, 10, 48, 48), 30, 33);
        assertEquals(List.of(), tracker.active(now));
    }

    @Test
    void anAreaRestsHalfASecondAfterItsLastChange() {
        Rect video = new Rect(640, 360, 640, 360);
        play(video, 12, 33);
        assertEquals(List.of(video), tracker.active(now));
        assertEquals(List.of(video), tracker.active(now + MotionTracker.REST_NANOS));
        assertEquals(List.of(), tracker.active(now + MotionTracker.REST_NANOS + MS));
        // A small change inside (a caret, a clock) does not keep the rest of it video: the area ends
        // once most of it rested, so the resting picture gets its lossless refresh.
        play(video, 12, 33);
        play(new Rect(700, 400, 20, 20), 1, 400);
        play(new Rect(700, 400, 20, 20), 1, 400);
        assertEquals(List.of(), tracker.active(now));
    }

    @Test
    void theRectangleStaysWhileMotionFillsMostOfIt() {
        Rect video = new Rect(200, 200, 800, 450);
        play(video, 12, 33);
        assertEquals(List.of(video), tracker.active(now));
        // Most of the picture keeps changing (the rest is under a quarter): same area, same decoder context.
        play(new Rect(200, 200, 700, 450), 30, 33);
        assertEquals(List.of(video), tracker.active(now));
    }

    @Test
    void aPartThatRestsEndsTheAreaAndTheMovingPartGoesOnAlone() {
        Rect video = new Rect(0, 0, 1280, 720);
        play(video, 12, 33);
        assertEquals(List.of(video), tracker.active(now));
        // The left half stops, the right half goes on: within a rest time and a tick the area is the
        // right half alone, so the left half can be refreshed lossless while the right half moves.
        Rect right = new Rect(640, 0, 640, 720);
        play(right, 10, 33);
        assertEquals(List.of(video), tracker.active(now), "a part resting less than the rest time keeps the area");
        play(right, 8, 33);
        assertEquals(List.of(right), tracker.active(now));
    }

    @Test
    void motionSpillingOutMakesOneLargerArea() {
        Rect video = new Rect(200, 200, 640, 360);
        play(video, 12, 33);
        Rect bigger = new Rect(200, 200, 1000, 360);
        play(bigger, 12, 33);
        assertEquals(List.of(bigger), tracker.active(now));
    }

    @Test
    void twoVideosApartAreTwoAreas() {
        Rect left = new Rect(0, 0, 400, 300);
        Rect right = new Rect(1200, 600, 400, 300);
        for (int i = 0; i < 12; i++) {
            now += 33 * MS;
            Region both = new Region(left);
            both.add(right);
            tracker.damaged(both, now);
        }
        List<Rect> areas = tracker.active(now);
        assertEquals(2, areas.size(), areas.toString());
        assertTrue(areas.contains(left) && areas.contains(right), areas.toString());
        // One stops: the other goes on as video, the first rests.
        play(right, 20, 33);
        assertEquals(List.of(right), tracker.active(now));
    }

    @Test
    void aNewScreenForgetsEverything() {
        play(new Rect(0, 0, 640, 480), 12, 33);
        tracker.reset(800, 600);
        assertEquals(List.of(), tracker.active(now));
    }

    @Test
    void aScrollTheViewersCopyIsNotMotion() {
        VideoService service = VideoService.create(VideoOptions.defaults().withOpener(FakeEncoder.opener()));
        service.framebufferReplaced(new org.vfiovnc.surface.Framebuffer(1920, 1080));
        Rect page = new Rect(0, 0, 1200, 1000);
        Rect exposed = new Rect(0, 980, 1200, 20);
        for (int i = 0; i < 20; i++) {
            service.damaged(new Region(page), List.of(new org.vfiovnc.damage.Move(new Rect(0, 20, 1200, 980), new Rect(0, 0, 1200, 980))),
                    new Region(exposed));
            sleep(33);
        }
        List<Rect> areas = service.activeAreas(System.nanoTime());
        for (Rect a : areas) {
            assertTrue(a.height() <= 64, "only the exposed strip may move: " + areas);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
