package org.vfiovnc.rfb.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vfiovnc.damage.Region;
import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.encoding.h264.H264Rect;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/** Which viewers get video for which damage, and the encoding-50 rectangles they are written. */
class ViewerVideoTest {
    private static final Rect SCREEN = new Rect(0, 0, 640, 480);
    private static final PixelFormat RGB32 = PixelFormat.serverDefault();
    private final Framebuffer fb = new Framebuffer(640, 480);
    private final List<FakeEncoder> opened = Collections.synchronizedList(new ArrayList<>());

    private VideoService always(int bitrate) {
        VideoService s = VideoService.create(new VideoOptions(VideoMode.ALWAYS, bitrate, FakeEncoder.opener(opened)));
        s.start(fb);
        return s;
    }

    /** One rectangle read back: header and body. */
    private record Written(Rect rect, int encoding, int flags, byte[] data) {}

    private static List<Written> read(OutBuffer out) {
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray());
        List<Written> list = new ArrayList<>();
        while (b.hasRemaining()) {
            Rect r = new Rect(b.getShort() & 0xffff, b.getShort() & 0xffff, b.getShort() & 0xffff, b.getShort() & 0xffff);
            int enc = b.getInt();
            byte[] data = new byte[b.getInt()];
            int flags = b.getInt();
            b.get(data);
            list.add(new Written(r, enc, flags, data));
        }
        return list;
    }

    @Test
    void onlyViewersListingH264InThirtyTwoBitTrueColourGetVideo() {
        ViewerVideo v = always(0).newViewer();
        List<Rect> damage = List.of(new Rect(10, 10, 20, 20));
        assertEquals(List.of(SCREEN), v.plan(true, RGB32, -1, SCREEN, damage).areas());
        assertTrue(v.plan(false, RGB32, -1, SCREEN, damage).isEmpty(), "not listed");
        assertTrue(v.plan(true, new PixelFormat(16, 16, false, true, 31, 63, 31, 11, 5, 0), -1, SCREEN, damage)
                .isEmpty(), "16 bpp");
        assertTrue(v.plan(true, PixelFormat.colourMap332(), -1, SCREEN, damage).isEmpty(), "colour map");
        assertTrue(v.plan(true, RGB32, -1, SCREEN, List.of()).isEmpty(), "no damage");
        assertTrue(v.plan(true, RGB32, -1, new Rect(0, 0, 320, 240), damage).isEmpty(),
                "an area not wholly wanted is sent as pixels");
        VideoService off = VideoService.create(VideoOptions.defaults().withMode(VideoMode.OFF));
        assertTrue(off.newViewer().plan(true, RGB32, -1, SCREEN, damage).isEmpty(), "--video off");
    }

    @Test
    void damageInsideTheAreaGoesInTheFrameAndTheRestStays() {
        VideoService s = VideoService.create(VideoOptions.defaults().withOpener(FakeEncoder.opener(opened)));
        s.start(fb);
        Rect video = new Rect(64, 64, 320, 240);
        for (int i = 0; i < 12; i++) {
            s.damaged(new Region(video), List.of(), new Region(video));
            sleep(30);
        }
        assertEquals(List.of(video), s.activeAreas(System.nanoTime()), "motion found");
        VideoUpdate u = s.newViewer().plan(true, RGB32, 6, SCREEN, List.of(new Rect(0, 0, 100, 100)));
        assertEquals(List.of(video), u.areas());
        Region left = new Region();
        for (Rect r : u.outside(List.of(new Rect(0, 0, 100, 100)))) {
            left.add(r);
        }
        Region want = new Region(new Rect(0, 0, 100, 100));
        want.subtract(video);
        assertEquals(want.area(), left.area());
    }

    @Test
    void theFirstFrameResetsItsContextAndAResizeResetsAll() {
        VideoService s = always(0);
        ViewerVideo v = s.newViewer();
        OutBuffer out = new OutBuffer();
        VideoUpdate.Sent sent = v.plan(true, RGB32, 6, SCREEN, List.of(SCREEN)).write(fb, out);
        assertEquals(List.of(SCREEN), sent.video());
        assertEquals(1, sent.rects());
        List<Written> w = read(out);
        assertEquals(50, w.get(0).encoding());
        assertEquals(H264Rect.RESET_CONTEXT, w.get(0).flags());
        assertTrue(FakeEncoder.isIdr(w.get(0).data()));
        s.damaged(new Region(new Rect(0, 0, 8, 8)));
        out = new OutBuffer();
        v.plan(true, RGB32, 6, SCREEN, List.of(SCREEN)).write(fb, out);
        assertEquals(0, read(out).get(0).flags(), "the next frame continues the context");
        v.screenResized();
        Framebuffer bigger = new Framebuffer(800, 600);
        s.framebufferReplaced(bigger);
        out = new OutBuffer();
        v.plan(true, RGB32, 6, bigger.bounds(), List.of(bigger.bounds())).write(bigger, out);
        Written first = read(out).get(0);
        assertEquals(bigger.bounds(), first.rect());
        assertEquals(H264Rect.RESET_CONTEXT | H264Rect.RESET_ALL_CONTEXTS, first.flags());
        assertTrue(FakeEncoder.isIdr(first.data()));
        assertTrue(opened.get(0).closed, "the old size's encoder is freed");
    }

    @Test
    void viewersAtTheSameQualityShareAnEncoderOthersGetTheirs() {
        VideoService s = always(0);
        ViewerVideo a = s.newViewer();
        ViewerVideo b = s.newViewer();
        ViewerVideo c = s.newViewer();
        a.plan(true, RGB32, 6, SCREEN, List.of(SCREEN)).write(fb, new OutBuffer());
        b.plan(true, RGB32, 6, SCREEN, List.of(SCREEN)).write(fb, new OutBuffer());
        c.plan(true, RGB32, 9, SCREEN, List.of(SCREEN)).write(fb, new OutBuffer());
        assertEquals(2, opened.size());
        assertEquals(6, opened.get(0).settings.qualityLevel());
        assertEquals(9, opened.get(1).settings.qualityLevel());
        assertEquals(1, opened.get(0).calls.size(), "encoded once for both");
        assertEquals(1, s.counters().replays(), "the second viewer replayed the first one's IDR");
    }

    @Test
    void theBitrateCapReachesTheEncoder() {
        VideoService s = always(800);
        s.newViewer().plan(true, RGB32, -1, SCREEN, List.of(SCREEN)).write(fb, new OutBuffer());
        assertEquals(800, opened.get(0).settings.bitrateCapKbps());
        assertEquals(6, opened.get(0).settings.qualityLevel(), "no quality level: the default");
    }

    @Test
    void anAreaWhoseEncoderFailsIsHandedBackAsPixels() {
        AtomicInteger attempts = new AtomicInteger();
        VideoService s = VideoService.create(new VideoOptions(VideoMode.ALWAYS, 0, FakeEncoder.failing(attempts)));
        s.start(fb);
        OutBuffer out = new OutBuffer();
        VideoUpdate.Sent sent = s.newViewer().plan(true, RGB32, 6, SCREEN, List.of(SCREEN)).write(fb, out);
        assertEquals(List.of(SCREEN), sent.failed());
        assertEquals(List.of(), sent.video());
        assertEquals(0, out.size());
    }

    @Test
    void aViewerThatKeepsFallingOutOfTheRingGetsItsOwnEncoder() {
        VideoService s = always(0);
        ViewerVideo fast = s.newViewer();
        ViewerVideo slow = s.newViewer();
        for (int lap = 0; lap < 3; lap++) {
            slow.plan(true, RGB32, 6, SCREEN, List.of(SCREEN)).write(fb, new OutBuffer());
            for (int i = 0; i < VideoGroup.MAX_FRAMES + 2; i++) {
                s.damaged(new Region(new Rect(0, 0, 8, 8)));
                fast.plan(true, RGB32, 6, SCREEN, List.of(SCREEN)).write(fb, new OutBuffer());
            }
        }
        slow.plan(true, RGB32, 6, SCREEN, List.of(SCREEN)).write(fb, new OutBuffer());
        assertEquals(1, s.counters().ownEncoders());
        assertEquals(2, opened.size());
        assertFalse(opened.get(1).calls.isEmpty());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
