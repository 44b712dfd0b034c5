package org.vfiovnc.encoding.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiovnc.testing.Tools;

/**
 * A host without libavcodec: a child JVM told to load a file that does not exist probes, logs one line and
 * gets a clear exception from open, instead of a class that fails to load.
 */
class NoFfmpegTest {

    /** Runs in the child JVM. */
    public static void main(String[] args) {
        System.out.println("SUMMARY " + VideoEncoders.probe().summary());
        try (H264Encoder e = H264Encoder.open(64, 64, H264Settings.defaults())) {
            System.out.println("OPENED " + e.backend());
        } catch (VideoEncoderException ex) {
            System.out.println("REFUSED " + ex.getMessage());
        }
    }

    @Test
    void withoutLibavcodecTheProbeSaysSoAndOpenRefuses() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Tools.Result r = Tools.run(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dvfiovnc.libavcodec=/nonexistent/libavcodec.so.59", NoFfmpegTest.class.getName()), Map.of(), 60);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("SUMMARY video: none; libavcodec: cannot load libavcodec.so.59 (Debian package "
                + "libavcodec59)"), r.output());
        assertTrue(r.output().contains("REFUSED no H.264 encoder: video: none; libavcodec: cannot load"), r.output());
        long logLines = r.output().lines().filter(l -> l.startsWith("INFO: video: none")).count();
        assertEquals(1, logLines, r.output());
    }
}
