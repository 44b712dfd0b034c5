package org.vfiovnc.encoding.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.rfb.video.FrameEncoder;
import org.vfiovnc.rfb.video.VideoMode;
import org.vfiovnc.rfb.video.VideoOptions;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.surface.Rect;
import org.vfiovnc.testing.Animator;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.PictureSource;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.VideoClient;

/**
 * H.264 as a served session sends it (encoding 50 rectangles to a byte-level viewer that lists it),
 * checked with FFmpeg's decoder: every picture decodes at the coded size, the decoder contexts and
 * their resets are as the flags say, and at quality level 9 each picture is within 1.5 dB of its
 * 4:2:0 ceiling. Also the cases where video must not be used or cannot be, and a moving area that
 * comes to rest ending exact.
 */
class H264ServedTest {
    private static final int RAW = 0;
    private static final int DESKTOP_SIZE = -223;
    private static final int QUALITY_9 = -23;
    private static final double MAX_BELOW_CEILING_DB = 1.5;

    @TempDir
    Path dir;

    private static VncServer serve(PictureSource src, VideoOptions video) throws Exception {
        return TestServer.start(src, RfbConfig.defaults(List.of(new NoneSecurity())).withVideo(video),
                NoInputSink.INSTANCE);
    }

    /** Shows {@code px} and waits until the server's framebuffer holds it (and the tick's listeners ran). */
    private static void showAndWait(VncServer server, PictureSource src, int[] px, int w, int h) throws Exception {
        showAndWait(server, src, px, w, h, 15);
    }

    private static void showAndWait(VncServer server, PictureSource src, int[] px, int w, int h, int settleMs)
            throws Exception {
        src.show(px, w, h);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            int[] fb = server.loop().current().pixels();
            if (fb.length == px.length && Arrays.equals(fb, px)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                fail("the server never showed the picture");
            }
            Thread.sleep(1);
        }
        Thread.sleep(settleMs);
    }

    private static int[] frame(String content, int w, int h, int i) {
        return content.equals("text") ? TestVideo.text(w, h, i) : TestVideo.photo(w, h, i);
    }

    /** Writes each stream of {@code client} to a file, decodes it, and returns the decoded streams per context. */
    private List<FfmpegCli.Decoded> decodeAll(VideoClient client, Rect context) throws Exception {
        List<FfmpegCli.Decoded> out = new ArrayList<>();
        int n = 0;
        for (ByteArrayOutputStream s : client.streams.get(context)) {
            Path f = dir.resolve("ctx-" + context.width() + "x" + context.height() + "-" + n++ + ".h264");
            Files.write(f, s.toByteArray());
            out.add(FfmpegCli.decode(f));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @CsvSource({"photo, 320, 240", "text, 320, 240", "photo, 321, 241", "text, 255, 97"})
    void everyServedPictureDecodesNearItsCeiling(String content, int w, int h) throws Exception {
        int frames = 12;
        PictureSource src = new PictureSource(frame(content, w, h, 0), w, h);
        try (VncServer server = serve(src, VideoOptions.defaults().withMode(VideoMode.ALWAYS));
             VideoClient client = VideoClient.connect(server.port(), H264_LIST)) {
            client.tag = 0;
            client.next(false);
            for (int k = 1; k < frames; k++) {
                showAndWait(server, src, frame(content, w, h, k), w, h);
                client.tag = k;
                VideoClient.Update u = client.next(true);
                assertEquals(1, u.video().size(), "frame " + k + " as one video rectangle: " + u);
                assertEquals(List.of(), u.raw());
            }
            Rect all = new Rect(0, 0, w, h);
            assertEquals(frames, client.video.size());
            for (VideoClient.VideoRect v : client.video) {
                assertEquals(all, v.rect());
                assertEquals(1, v.pictures(), "one picture per update for the only viewer");
            }
            assertEquals(1, client.video.get(0).flags() & 1, "the first rectangle starts a fresh context");
            List<FfmpegCli.Decoded> decoded = decodeAll(client, all);
            assertEquals(1, decoded.size(), "one context, never reset");
            FfmpegCli.Decoded d = decoded.get(0);
            assertEquals(w + (w & 1), d.width());
            assertEquals(h + (h & 1), d.height());
            assertEquals(frames, d.frames().size(), "every picture decodes");
            double worst = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < frames; i++) {
                int[] source = frame(content, w, h, client.video.get(i).tag());
                double ceiling = ReferenceYuv.psnr(ReferenceYuv.roundTrip(source, w, h, H264Encoder.colourFor(H264Backend.LIBX264)), w, source, w, w, h);
                double psnr = ReferenceYuv.psnr(d.frames().get(i), d.width(), source, w, w, h);
                worst = Math.max(worst, ceiling - psnr);
            }
            System.out.printf(Locale.ROOT, "served %s %dx%d at quality 9: worst %.2f dB below the ceiling%n",
                    content, w, h, worst);
            assertTrue(worst <= MAX_BELOW_CEILING_DB, "a picture " + worst + " dB below its ceiling");
        }
    }

    private static final int[] H264_LIST = {50, RAW, DESKTOP_SIZE, QUALITY_9};

    @Test
    void aResizeResetsEveryContextAndStartsWithAnIdr() throws Exception {
        PictureSource src = new PictureSource(TestVideo.photo(320, 240, 0), 320, 240);
        try (VncServer server = serve(src, VideoOptions.defaults().withMode(VideoMode.ALWAYS));
             VideoClient client = VideoClient.connect(server.port(), H264_LIST)) {
            client.next(false);
            for (int k = 1; k < 4; k++) {
                showAndWait(server, src, TestVideo.photo(320, 240, k), 320, 240);
                client.next(true);
            }
            showAndWait(server, src, TestVideo.photo(400, 300, 4), 400, 300);
            VideoClient.Update resized = client.next(true);
            assertTrue(resized.resized(), "DesktopSize first");
            assertEquals(1, resized.video().size());
            VideoClient.VideoRect first = resized.video().get(0);
            assertEquals(new Rect(0, 0, 400, 300), first.rect());
            assertEquals(3, first.flags(), "drop every context, and this one");
            for (int k = 5; k < 8; k++) {
                showAndWait(server, src, TestVideo.photo(400, 300, k), 400, 300);
                client.next(true);
            }
            FfmpegCli.Decoded before = decodeAll(client, new Rect(0, 0, 320, 240)).get(0);
            List<FfmpegCli.Decoded> after = decodeAll(client, new Rect(0, 0, 400, 300));
            assertEquals(4, before.frames().size());
            assertEquals(1, after.size());
            assertEquals(400, after.get(0).width());
            assertEquals(4, after.get(0).frames().size(), "the new context decodes on its own from its IDR");
        }
    }

    @Test
    void viewersAtOneQualityShareOneEncoderAndALateOneStartsClean() throws Exception {
        AtomicInteger encodes = new AtomicInteger();
        FrameEncoder.Opener counting = (w, h, s) -> {
            FrameEncoder e = FrameEncoder.SYSTEM.open(w, h, s);
            return new FrameEncoder() {
                @Override
                public byte[] encode(org.vfiovnc.surface.Framebuffer fb, int x, int y, Rect changed, boolean idr)
                        throws VideoEncoderException {
                    encodes.incrementAndGet();
                    return e.encode(fb, x, y, changed, idr);
                }

                @Override
                public void close() {
                    e.close();
                }
            };
        };
        int w = 320;
        int h = 240;
        PictureSource src = new PictureSource(TestVideo.photo(w, h, 0), w, h);
        try (VncServer server = serve(src, VideoOptions.defaults().withMode(VideoMode.ALWAYS).withOpener(counting));
             VideoClient a = VideoClient.connect(server.port(), H264_LIST);
             VideoClient b = VideoClient.connect(server.port(), H264_LIST)) {
            a.next(false);
            b.next(false);
            VideoClient late = null;
            for (int k = 1; k < 10; k++) {
                showAndWait(server, src, TestVideo.photo(w, h, k), w, h);
                a.next(true);
                b.next(true);
                if (k == 5) {
                    late = VideoClient.connect(server.port(), H264_LIST);
                    late.next(false);
                } else if (late != null) {
                    late.next(true);
                }
            }
            // One picture per change for everyone, plus at most one for the late viewer's start.
            assertTrue(encodes.get() <= 10 + 1, encodes.get() + " encodes for 10 pictures");
            Rect all = new Rect(0, 0, w, h);
            for (VideoClient v : List.of(a, b, late)) {
                List<FfmpegCli.Decoded> d = decodeAll(v, all);
                assertEquals(1, d.size());
                int pictures = v.video.stream().mapToInt(VideoClient.VideoRect::pictures).sum();
                assertEquals(pictures, d.get(0).frames().size(), "every picture of every viewer decodes");
            }
            assertEquals(1, late.video.get(0).flags() & 1, "the late viewer's first rectangle resets its context");
            late.close();
        }
    }

    @Test
    void aViewerWithoutThirtyTwoBitTrueColourGetsItsNextEncoding() throws Exception {
        PictureSource src = new PictureSource(TestVideo.photo(160, 120, 0), 160, 120);
        try (VncServer server = serve(src, VideoOptions.defaults().withMode(VideoMode.ALWAYS));
             VideoClient client = VideoClient.connect(server.port(), H264_LIST)) {
            client.setPixelFormat(new PixelFormat(16, 16, false, true, 31, 63, 31, 11, 5, 0));
            client.next(false);
            for (int k = 1; k < 5; k++) {
                showAndWait(server, src, TestVideo.photo(160, 120, k), 160, 120);
                VideoClient.Update u = client.next(true);
                assertEquals(List.of(), u.video());
                assertFalse(u.raw().isEmpty());
            }
        }
    }

    @Test
    void anEncoderThatCannotOpenFallsBackAndSaysSo() throws Exception {
        FrameEncoder.Opener broken = (w, h, s) -> {
            throw new VideoEncoderException("test: this encoder never opens");
        };
        int[] first = TestVideo.photo(160, 120, 0);
        PictureSource src = new PictureSource(first, 160, 120);
        try (LogCapture log = new LogCapture();
             VncServer server = serve(src, VideoOptions.defaults().withMode(VideoMode.ALWAYS).withOpener(broken));
             VideoClient client = VideoClient.connect(server.port(), H264_LIST)) {
            client.next(false);
            int[] last = first;
            for (int k = 1; k < 4; k++) {
                last = TestVideo.photo(160, 120, k);
                showAndWait(server, src, last, 160, 120);
                VideoClient.Update u = client.next(true);
                assertEquals(List.of(), u.video());
            }
            assertTrue(Arrays.equals(last, client.pixels), "the pictures arrive exact as Raw instead");
            assertTrue(log.contains("test: this encoder never opens"), log.dump());
        }
    }

    @Test
    void aMovingAreaBecomesVideoAndEndsExactWhenItRests() throws Exception {
        int w = 640;
        int h = 480;
        Rect moving = new Rect(160, 96, 320, 240);
        int[] still = TestVideo.photo(w, h, 0);
        PictureSource src = new PictureSource(still, w, h);
        try (VncServer server = serve(src, VideoOptions.defaults());
             VideoClient client = VideoClient.connect(server.port(), H264_LIST)) {
            client.next(false);
            int[] px = still;
            long start = System.nanoTime();
            for (int k = 1; k <= 40; k++) {
                px = Animator.withInset(still, w, TestVideo.text(moving.width(), moving.height(), k), moving);
                showAndWait(server, src, px, w, h, 3);
                client.tag = k;
                client.next(true);
                // About 30 frames per second, the rate of a video.
                long due = start + k * 33_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000);
                }
            }
            assertFalse(client.video.isEmpty(), "the moving area was never sent as video");
            Rect area = client.video.get(client.video.size() - 1).rect();
            assertTrue(moving.contains(area) && area.area() * 10 >= moving.area() * 9,
                    "video area " + area + " for motion in " + moving);
            int first = client.video.get(0).tag();
            assertTrue(first >= 9 && first <= 20, "video from the tenth frame or so, was " + first);
            // At rest: the lossless refresh makes every pixel exact, no video left.
            client.drain(1500);
            assertTrue(Arrays.equals(px, client.pixels), "not exact after the motion stopped");
            for (ByteArrayOutputStream s : client.streams.get(area)) {
                Path f = dir.resolve("auto.h264");
                Files.write(f, s.toByteArray());
                FfmpegCli.decode(f);
            }
        }
    }
}
