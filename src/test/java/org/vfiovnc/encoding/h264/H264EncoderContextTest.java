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
