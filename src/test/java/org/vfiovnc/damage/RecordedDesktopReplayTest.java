package org.vfiovnc.damage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vfiovnc.source.replay.RecordingReader;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.Rect;

/**
 * The recorded bench desktop (testdata/e2e-desktop.fbrec.zst: a scrolling xterm, a moving window,
 * a redrawn region, read every 5 ms) through the refresh loop's sampled scan with its default
 * settings, idle ticks between changes, and a viewer that copies the moves and takes the residual.
 * The viewer must end equal to the recording, and nearly all of the terminal's changed pixels
 * must have come as moves.
 */
class RecordedDesktopReplayTest {
    /** Where the recording's xterm is (120x50 characters at +20+40). */
    private static final Rect TERMINAL = new Rect(20, 40, 730, 660);

    @Test
    void recordedDesktopReachesAViewerExactlyWithTheScrollsAsMoves() throws Exception {
        try (RecordingReader r = new RecordingReader(Path.of("testdata/e2e-desktop.fbrec.zst"))) {
            ByteBuffer screen = null;
            DisplaySurface surface = null;
            TileDiffer d = null;
            SampledScan scan = null;
            int[] viewer = null;
            long moved = 0;
            long changedInTerminal = 0;
            long sent = 0;
            int frames = 0;
            while (r.next() != RecordingReader.Step.END) {
                if (screen == null) {
                    screen = ByteBuffer.allocateDirect(r.width() * r.height() * 4).order(ByteOrder.LITTLE_ENDIAN);
                    surface = new DisplaySurface(r.width(), r.height(), r.width() * 4, PixelLayout.XR24, screen, 0);
                    d = new TileDiffer(r.width(), r.height(), PixelLayout.XR24);
                    scan = new SampledScan(d);
                }
                for (Rect c : r.lastRects()) {
                    for (int y = c.y(); y < c.bottom(); y++) {
                        for (int x = c.x(); x < c.right(); x++) {
                            screen.putInt((y * r.width() + x) * 4, r.pixels()[y * r.width() + x]);
                        }
                    }
                }
                frames++;
                for (int tick = 0; tick < 4; tick++) {
                    Region damage = scan.diff(surface, true);
                    damage.intersect(TERMINAL);
                    changedInTerminal += damage.area();
                    if (viewer == null) {
                        viewer = d.framebuffer().pixels().clone();
                        continue;
                    }
                    for (Move m : d.moves()) {
                        ReplayingViewer.copy(viewer, r.width(), m);
                        moved += m.destination().intersect(TERMINAL).area();
                    }
                    Region inTerminal = d.residual();
                    inTerminal.intersect(TERMINAL);
                    sent += inTerminal.area();
                    ReplayingViewer.send(d.framebuffer().pixels(), viewer, r.width(), d.residual());
                }
            }
            assertTrue(frames > 20, "frames " + frames);
            // What the sampled scan still owes comes with a full compare.
            scan.diff(surface, false);
            for (Move m : d.moves()) {
                ReplayingViewer.copy(viewer, r.width(), m);
            }
            ReplayingViewer.send(d.framebuffer().pixels(), viewer, r.width(), d.residual());
            assertArrayEquals(r.pixels(), d.framebuffer().pixels(), "the framebuffer equals the recording");
            assertArrayEquals(r.pixels(), viewer, "the viewer equals the recording");
            // A scroll changes ~245,000 pixels and sends one new line (~5,000): 1 in 56 when written.
            assertTrue(sent * 25 < changedInTerminal, "in the terminal: changed " + changedInTerminal
                    + " pixels, moved " + moved + ", sent " + sent);
        }
    }
}
