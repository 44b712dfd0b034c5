package org.vfiovnc.encoding.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.surface.Framebuffer;

/** Context resets (a forced IDR a fresh decoder can start at) and encoders that cannot open. */
class H264EncoderContextTest {
    @TempDir
    Path dir;

    @Test
    void aForcedIdrStartsAStreamAFreshDecoderCanDecode() throws Exception {
        int w = 320;
        int h = 240;
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        ByteArrayOutputStream afterReset = new ByteArrayOutputStream();
        try (H264Encoder e = H264Encoder.open(H264Backend.LIBX264, w, h, H264Settings.defaults())) {
            for (int i = 0; i < 10; i++) {
                boolean reset = i == 5;
                byte[] unit = e.encode(TestVideo.text(w, h, i), 0, w, reset);
                List<Integer> types = AnnexB.nalTypes(unit);
                if (i > 0 && !reset) {
                    assertEquals(List.of(AnnexB.SLICE), types, "frame " + i + " should be a lone P slice");
                }
                if (reset) {
                    assertEquals(List.of(AnnexB.SPS, AnnexB.PPS, AnnexB.IDR), types, "the reset frame");
                }
                whole.writeBytes(unit);
                if (i >= 5) {
                    afterReset.writeBytes(unit);
                }
            }
        }
        assertEquals(10, decodedFrames("whole", whole));
        assertEquals(5, decodedFrames("after-reset", afterReset));
    }

    private int decodedFrames(String name, ByteArrayOutputStream s) throws Exception {
        Path f = dir.resolve(name + ".h264");
        Files.write(f, s.toByteArray());
        FfmpegCli.Decoded d = FfmpegCli.decode(f);
        assertEquals(320, d.width());
        assertEquals(240, d.height());
        return d.frames().size();
    }

    @Test
    void convertingOnlyTheChangedAreaGivesTheSamePictures() throws Exception {
        int w = 333;
        int h = 199;
        org.vfiovnc.surface.Rect window = new org.vfiovnc.surface.Rect(101, 37, 151, 97);
        int[] px = TestVideo.text(w, h, 0);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        List<int[]> shown = new java.util.ArrayList<>();
        try (H264Encoder e = H264Encoder.open(H264Backend.LIBX264, w, h, H264Settings.defaults().withQuality(9))) {
            for (int i = 0; i < 6; i++) {
                if (i > 0) {
                    int[] photo = TestVideo.photo(window.width(), window.height(), i);
                    for (int y = 0; y < window.height(); y++) {
                        System.arraycopy(photo, y * window.width(), px, (window.y() + y) * w + window.x(), window.width());
                    }
                }
                shown.add(px.clone());
                s.writeBytes(e.encode(px, 0, w, i == 0 ? null : window, false));
            }
        }
        Path f = dir.resolve("window.h264");
        Files.write(f, s.toByteArray());
        FfmpegCli.Decoded d = FfmpegCli.decode(f);
        assertEquals(6, d.frames().size());
        for (int i = 0; i < 6; i++) {
            int[] src = shown.get(i);
            double ceiling = ReferenceYuv.psnr(src, w, ReferenceYuv.roundTrip(src, w, h, H264Encoder.colourFor(H264Backend.LIBX264)), w, w, h);
            double got = ReferenceYuv.psnr(src, w, d.frames().get(i), d.width(), w, h);
            assertTrue(got > ceiling - 1.5, "frame " + i + ": " + got + " dB, ceiling " + ceiling);
        }
    }

    @Test
    void aBitrateCapBoundsTheStream() throws Exception {
        int w = 640;
        int h = 360;
        int frames = 30;
        int capKbps = 1000;
        long capped = streamBytes(w, h, frames, H264Settings.defaults().withQuality(9).withBitrateCap(capKbps));
        long free = streamBytes(w, h, frames, H264Settings.defaults().withQuality(9));
        // One second of frames at 30/s may use one second of rate plus the one-second VBV buffer.
        long allowed = 2L * capKbps * 1000 / 8;
        assertTrue(capped <= allowed, capped + " bytes with a " + capKbps + " kbit/s cap, allowed " + allowed);
        assertTrue(free > 2 * allowed, "the uncapped stream is no test of the cap: " + free + " bytes");
    }

    private long streamBytes(int w, int h, int frames, H264Settings s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (H264Encoder e = H264Encoder.open(H264Backend.LIBX264, w, h, s)) {
            for (int i = 0; i < frames; i++) {
                out.writeBytes(e.encode(TestVideo.text(w, h, i), 0, w, false));
            }
        }
        Path f = dir.resolve("cap-" + s.bitrateCapKbps() + ".h264");
        Files.write(f, out.toByteArray());
        assertEquals(frames, FfmpegCli.decode(f).frames().size());
        return out.size();
    }

    @Test
    void encodesARectangleOfAFramebuffer() throws Exception {
        Framebuffer fb = new Framebuffer(64, 48);
        java.util.Arrays.fill(fb.pixels(), 0x336699);
        try (H264Encoder e = H264Encoder.open(H264Backend.LIBX264, 17, 9, H264Settings.defaults())) {
            assertEquals(18, e.codedWidth());
            assertEquals(10, e.codedHeight());
            assertTrue(AnnexB.nalTypes(e.encode(fb, 40, 30, false)).contains(AnnexB.IDR));
            assertThrows(IllegalArgumentException.class, () -> e.encode(fb, 50, 40, false));
        }
    }

    @Test
    void anUnknownEncoderNameIsRefusedByName() {
        VideoEncoderException ex = assertThrows(VideoEncoderException.class,
                () -> H264Encoder.open("h264_nonexistent", H264Backend.LIBX264, 64, 64, H264Settings.defaults()));
        assertTrue(ex.getMessage().contains("no encoder named h264_nonexistent"), ex.getMessage());
    }

    @Test
    void impossibleSizesAreRefused() {
        VideoEncoderException empty = assertThrows(VideoEncoderException.class,
                () -> H264Encoder.open(H264Backend.LIBX264, 0, 10, H264Settings.defaults()));
        assertTrue(empty.getMessage().contains("0x10"), empty.getMessage());
        VideoEncoderException huge = assertThrows(VideoEncoderException.class,
                () -> H264Encoder.open(H264Backend.LIBX264, 40000, 40000, H264Settings.defaults()));
        assertTrue(huge.getMessage().startsWith("libx264: cannot open a 40000x40000 encoder"), huge.getMessage());
    }

    @Test
    void aBadPresetFailsTheOpenWithFfmpegsReason() {
        VideoEncoderException ex = assertThrows(VideoEncoderException.class,
                () -> H264Encoder.open(H264Backend.LIBX264, 64, 64, H264Settings.defaults().withPreset("warp9")));
        assertTrue(ex.getMessage().startsWith("libx264: cannot open"), ex.getMessage());
    }

    @Test
    void aClosedEncoderRefusesFrames() throws Exception {
        H264Encoder e = H264Encoder.open(H264Backend.LIBX264, 16, 16, H264Settings.defaults());
        e.close();
        e.close();
        assertThrows(IllegalStateException.class, () -> e.encode(new int[256], 0, 16, false));
    }
}
