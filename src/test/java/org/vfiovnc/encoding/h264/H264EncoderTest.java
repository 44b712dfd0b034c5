package org.vfiovnc.encoding.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * libx264 through the JNA binding, checked with FFmpeg's own decoder: every frame decodes at the right
 * size, the stream is one-slice Constrained Baseline with its conversion's matrix and range signalled, and
 * at quality 9 each frame's PSNR is within 1.5 dB of its 4:2:0 ceiling ({@link ReferenceYuv}), with either
 * conversion (libjpeg-turbo's BT.601 full range, the Java one's BT.709 limited).
 */
class H264EncoderTest {
    private static final int FRAMES = 8;
    private static final double MAX_BELOW_CEILING_DB = 1.5;

    @TempDir
    Path dir;

    interface Pictures {
        int[] frame(int width, int height, int index);
    }

    /** What a sequence came to: per-frame PSNR and ceiling, bytes per frame. */
    record Outcome(double[] psnr, double[] ceiling, double[] codecOnly, long bytes) {
        double worstShortfall() {
            double worst = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < psnr.length; i++) {
                worst = Math.max(worst, ceiling[i] - psnr[i]);
            }
            return worst;
        }

        String line(String name) {
            return String.format(Locale.ROOT, "%-14s mean PSNR %.2f dB, ceiling %.2f dB, worst shortfall %.2f dB, "
                    + "vs the 4:2:0 picture %.2f dB, %d bytes/frame",
                    name, mean(psnr), mean(ceiling), worstShortfall(), mean(codecOnly), bytes / psnr.length);
        }

        private static double mean(double[] v) {
            return java.util.Arrays.stream(v).average().orElse(0);
        }
    }

    private Outcome run(String name, int width, int height, int quality, Pictures pictures) throws Exception {
        return run(name, width, height, quality, pictures, H264Encoder.colourFor(H264Backend.LIBX264));
    }

    private Outcome run(String name, int width, int height, int quality, Pictures pictures, YuvColour colour)
            throws Exception {
        List<int[]> sources = new java.util.ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try (H264Encoder e = H264Encoder.open(H264Backend.LIBX264, width, height,
                H264Settings.defaults().withQuality(quality), colour)) {
            assertEquals(colour, e.colour());
            assertEquals(width + (width & 1), e.codedWidth());
            assertEquals(height + (height & 1), e.codedHeight());
            for (int i = 0; i < FRAMES; i++) {
                int[] src = pictures.frame(width, height, i);
                sources.add(src);
                byte[] unit = e.encode(src, 0, width, false);
                assertTrue(AnnexB.startsWithStartCode(unit), "frame " + i + " is not Annex-B");
                List<Integer> types = AnnexB.nalTypes(unit);
                long slices = types.stream().filter(t -> t == AnnexB.SLICE || t == AnnexB.IDR).count();
                assertEquals(1, slices, "frame " + i + " NAL units " + types + ": want exactly one slice");
                if (i == 0) {
                    assertTrue(types.indexOf(AnnexB.SPS) >= 0 && types.indexOf(AnnexB.PPS) > types.indexOf(AnnexB.SPS)
                            && types.indexOf(AnnexB.IDR) > types.indexOf(AnnexB.PPS), "first frame " + types);
                }
                stream.writeBytes(unit);
            }
        }
        Path file = dir.resolve(name + ".h264");
        Files.write(file, stream.toByteArray());
        Map<String, String> info = FfmpegCli.probe(file);
        assertEquals("Constrained Baseline", info.get("profile"), info.toString());
        assertEquals(colour.ffmpegColorspace(), info.get("color_space"), info.toString());
        assertEquals(colour.ffmpegRange(), info.get("color_range"), info.toString());
        assertEquals("bt709", info.get("color_primaries"), info.toString());
        assertEquals("bt709", info.get("color_transfer"), info.toString());
        assertEquals("0", info.get("has_b_frames"), info.toString());
        FfmpegCli.Decoded d = FfmpegCli.decode(file);
        assertEquals(width + (width & 1), d.width(), "decoded width");
        assertEquals(height + (height & 1), d.height(), "decoded height");
        assertEquals(FRAMES, d.frames().size(), "decoded frames");
        double[] psnr = new double[FRAMES];
        double[] ceiling = new double[FRAMES];
        double[] codecOnly = new double[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            int[] src = sources.get(i);
            int[] best = ReferenceYuv.roundTrip(src, width, height, colour);
            psnr[i] = ReferenceYuv.psnr(src, width, d.frames().get(i), d.width(), width, height);
            ceiling[i] = ReferenceYuv.psnr(src, width, best, width, width, height);
            codecOnly[i] = ReferenceYuv.psnr(best, width, d.frames().get(i), d.width(), width, height);
        }
        Outcome o = new Outcome(psnr, ceiling, codecOnly, stream.size());
        System.out.println("H264EncoderTest q" + quality + " " + colour + " " + o.line(name));
        return o;
    }

    private void assertNearCeiling(Outcome o) {
        assertTrue(o.worstShortfall() <= MAX_BELOW_CEILING_DB, "PSNR too far below the 4:2:0 ceiling: " + o.line(""));
    }

    @ParameterizedTest
    @EnumSource(YuvColour.class)
    void text720pAtBestQualityIsNearTheCeiling(YuvColour colour) throws Exception {
        assertNearCeiling(run("text-720p", 1280, 720, 9, TestVideo::text, colour));
    }

    @ParameterizedTest
    @EnumSource(YuvColour.class)
    void photo720pAtBestQualityIsNearTheCeiling(YuvColour colour) throws Exception {
        assertNearCeiling(run("photo-720p", 1280, 720, 9, TestVideo::photo, colour));
    }

    @ParameterizedTest
    @EnumSource(YuvColour.class)
    void oddSizeTextDecodesAtEvenSizeWithTheRectangleIntact(YuvColour colour) throws Exception {
        assertNearCeiling(run("text-333x199", 333, 199, 9, TestVideo::text, colour));
    }

    @ParameterizedTest
    @EnumSource(YuvColour.class)
    void oddSizePhoto(YuvColour colour) throws Exception {
        assertNearCeiling(run("photo-333x199", 333, 199, 9, TestVideo::photo, colour));
    }

    @Test
    void lowerQualityLevelsStillDecode() throws Exception {
        for (int q : new int[] {0, 6}) {
            run("text-q" + q, 640, 360, q, TestVideo::text);
        }
    }
}
