package org.vfiovnc.rfb.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.Tools;

/** The one line a server logs about video: which encoder runs and for what, or why there is none. */
class VideoServiceLogTest {

    /** Runs in a child JVM that cannot load libavcodec. */
    public static void main(String[] args) {
        System.out.println("ENABLED " + VideoService.create(VideoOptions.defaults()).enabled());
    }

    @Test
    void aHostWithoutLibavcodecFallsBackSayingWhy() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Tools.Result r = Tools.run(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dvfiovnc.libavcodec=/nonexistent/libavcodec.so.59", VideoServiceLogTest.class.getName()), Map.of(), 60);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("ENABLED false"), r.output());
        assertTrue(r.output().contains("WARNING: video: unavailable, viewers that list H.264 get their next encoding"
                + " (video: none; libavcodec: cannot load libavcodec.so.59"), r.output());
    }

    @Test
    void theLogNamesTheEncoderAndTheMode() {
        try (LogCapture log = new LogCapture()) {
            assertTrue(VideoService.create(VideoOptions.defaults().withBitrateCap(2000)).enabled());
            assertTrue(log.contains("video: auto, libx264 (software) for areas in motion to viewers that list H.264;"
                    + " quality follows each viewer's quality level, capped at 2000 kbit/s"), log.dump());
            assertFalse(VideoService.create(VideoOptions.defaults().withMode(VideoMode.OFF)).enabled());
            assertTrue(log.contains("video: off (--video off)"), log.dump());
        }
    }
}
