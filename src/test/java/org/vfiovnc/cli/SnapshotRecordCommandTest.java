package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.source.replay.PngSnapshot;
import org.vfiovnc.source.replay.RecordingReader;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.testing.Pixels;

class SnapshotRecordCommandTest {
    @TempDir
    Path tmp;

    @Test
    void snapshotPngEqualsTheSurface() throws Exception {
        Path png = tmp.resolve("demo.png");
        assertEquals(0, Main.run("snapshot", "--source", "demo:320x200:paused", png.toString()));
        DemoSource demo = new DemoSource(320, 200, true);
        demo.open();
        DisplaySurface s = demo.acquire().orElseThrow();
        int[] expected = PngSnapshot.canonical(s);
        demo.close();
        assertArrayEquals(expected, Pixels.read(png));
    }

    @Test
    void recordWritesFramesThatReplayIntoASnapshot() throws Exception {
        Path rec = tmp.resolve("demo.fbrec.zst");
        assertEquals(0, Main.run("record", "--source", "demo:200x150", "--out", rec.toString(), "--seconds", "1.5"));
        long frames;
        int[] lastFrame;
        try (RecordingReader r = new RecordingReader(rec)) {
            while (r.next() != RecordingReader.Step.END) {
                // read through
            }
            frames = r.frames();
            lastFrame = r.pixels().clone();
        }
        assertTrue(frames >= 5, "frames recorded in 1.5 s: " + frames);
        Path png = tmp.resolve("last.png");
        // fast replay without loop ends on the last frame; snapshot takes the first acquire = first frame
        assertEquals(0, Main.run("snapshot", "--source", "replay:" + rec + ":fast", png.toString()));
        assertEquals(200 * 150, Pixels.read(png).length);
        assertTrue(Files.size(png) > 100);
        assertEquals(200 * 150, lastFrame.length);
    }

    @Test
    void badArgumentsExitNonZero() {
        assertEquals(2, Main.run("snapshot", "--source", "nonsense:1", tmp.resolve("x.png").toString()));
        assertEquals(2, Main.run("record", "--source", "demo", "--out", tmp.resolve("x").toString(), "--seconds", "-1"));
        assertEquals(1, Main.run("snapshot", "--source", "replay:" + tmp.resolve("missing.fbrec.zst"), tmp.resolve("y.png").toString()));
    }
}
