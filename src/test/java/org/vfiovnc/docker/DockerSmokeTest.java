package org.vfiovnc.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.Tools;

/**
 * Builds the Dockerfile with Debian's docker engine and runs the image on the paused demo
 * (.ci/docker-smoke.sh does the Docker work); a real viewer's capture of the container must equal
 * the image's own snapshot of the same demo, pixel for pixel. Then the image in host mode with a
 * mounted configuration of two displays: a viewer on each display's port sees that display.
 */
class DockerSmokeTest {
    @TempDir
    Path out;

    // Building the image with a dockerd of its own takes 4.5-11 min, plus 1.5-3 min for a fresh
    // debootstrap base once a week; the script is stopped after 40 min, which reports better (its
    // output) than this limit.
    @Test
    @Timeout(value = 45, unit = TimeUnit.MINUTES)
    void imageBuildsRunsAndShowsTheDemoToARealViewer() throws Exception {
        Tools.require("dockerd", "docker.io");
        Tools.require("debootstrap", "debootstrap");
        Tools.require("gvnccapture", "gvncviewer");
        Path script = Tools.projectDir().resolve(".ci/docker-smoke.sh");
        Tools.Result r = Tools.run(List.of("bash", script.toString(), out.toString()), Map.of(), 40 * 60);
        assertEquals(0, r.exitCode(), "docker smoke script failed:\n" + Tools.tail(r.output()));
        assertTrue(r.output().contains("docker-smoke: ok"), Tools.tail(r.output()));
        int[] viewer = Pixels.read(out.resolve("viewer.png"));
        int[] expected = Pixels.read(out.resolve("expected.png"));
        assertEquals(640 * 480, expected.length);
        assertNull(Pixels.compare(expected, viewer, 640, 0), "viewer vs snapshot");
        assertTrue(Files.readString(out.resolve("container.log")).contains("listening on 127.0.0.1:"));
        // The image carries the native encoders: libx264 for video, libjpeg-turbo for JPEG and 4:2:0.
        String probe = Files.readString(out.resolve("probe.txt"));
        assertTrue(probe.contains("video: libx264 (software, 4:2:0 by libjpeg-turbo"), probe);
        assertTrue(probe.contains("jpeg: libjpeg-turbo"), probe);
        // host mode: each display's own port shows that display's picture, not the other's.
        assertNull(Pixels.compare(expected, Pixels.read(out.resolve("host-a.png")), 640, 0), "host display a vs snapshot");
        int[] expectedB = Pixels.read(out.resolve("expected-b.png"));
        assertEquals(320 * 240, expectedB.length);
        int[] viewerB = Pixels.read(out.resolve("host-b.png"));
        assertEquals(320 * 240, viewerB.length, "host display b is 320x240");
        assertNull(Pixels.compare(expectedB, viewerB, 320, 0), "host display b vs snapshot");
    }
}
