package org.vfiovnc.encoding.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VideoEncodersTest {
    @Test
    void probeChoosesAWorkingEncoderAndExplainsTheOthers() {
        VideoEncoders.Probe p = VideoEncoders.probe();
        System.out.println(p.summary());
        assertNotNull(p.chosen(), p.summary());
        assertEquals(List.of("h264_nvenc", "h264_qsv", "h264_vaapi", "libx264"), List.copyOf(p.notes().keySet()));
        assertEquals("ok", p.notes().get("libx264"), p.summary());
        assertTrue(p.summary().startsWith("video: " + p.chosen().codecName() + " ("), p.summary());
        if (!Files.isDirectory(Path.of("/dev/dri"))) {
            assertTrue(p.summary().contains("h264_vaapi: no /dev/dri/renderD*"), p.summary());
        }
        // CI installs libturbojpeg0: the conversion it offers is the one the log names.
        assertTrue(p.summary().contains("4:2:0 by libjpeg-turbo, BT.601 full range"), p.summary());
        assertTrue(VideoEncoders.probe() == p, "probed once");
    }

    @Test
    void theDefaultOpenUsesTheChosenEncoder() throws Exception {
        try (H264Encoder e = H264Encoder.open(64, 32, H264Settings.defaults())) {
            assertEquals(VideoEncoders.probe().chosen(), e.backend());
            assertEquals(YuvColour.BT601_FULL, e.colour());
        }
    }

    @Test
    void theJavaConversionServesNv12EncodersAndWhenAskedFor() throws Exception {
        assertEquals(YuvColour.BT709_LIMITED, H264Encoder.colourFor(H264Backend.QSV), "QSV takes NV12");
        assertEquals(YuvColour.BT601_FULL, H264Encoder.colourFor(H264Backend.NVENC));
        System.setProperty("vfiovnc.yuv", "java");
        try {
            assertEquals(YuvColour.BT709_LIMITED, H264Encoder.colourFor(H264Backend.LIBX264));
            try (H264Encoder e = H264Encoder.open(H264Backend.LIBX264, 64, 32, H264Settings.defaults())) {
                assertEquals(YuvColour.BT709_LIMITED, e.colour());
            }
        } finally {
            System.clearProperty("vfiovnc.yuv");
        }
    }
}
