package org.vfiovnc.damage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.Rect;

/**
 * Scroll detection turned into moves, and the moves replayed on a simulated viewer framebuffer (copy
 * moves first, then the damage from the server's framebuffer) — the viewer must end up equal to the
 * server, including when updates are skipped between frames.
 */
class ScrollMovesTest {
    private static final int W = 320;
    private static final int H = 240;
    private static final int STRIDE = W * 4 + 16; // padded rows: the per-row path
    private final SplittableRandom rnd = new SplittableRandom(7);

    /** A text-like frame: a window (x 16..303, y 8..231) of random 8x8 "glyph" cells on a flat background. */
    private ByteBuffer textFrame() {
        ByteBuffer b = ByteBuffer.allocateDirect(STRIDE * H).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                b.putInt(y * STRIDE + x * 4, 0x204080);
            }
        }
        for (int y = 8; y < 232; y++) {
            fillTextRow(b, y);
        }
        return b;
    }

    private void fillTextRow(ByteBuffer b, int y) {
        for (int x = 16; x < 304; x++) {
            b.putInt(y * STRIDE + x * 4, rnd.nextInt(4) == 0 ? 0x000000 : 0xffffff);
        }
    }

    /** Moves the window's rows up by {@code dy}, new random rows at the bottom. */
    private void scrollUp(ByteBuffer b, int dy) {
        for (int y = 8; y < 232 - dy; y++) {
            for (int x = 16; x < 304; x++) {
                b.putInt(y * STRIDE + x * 4, b.getInt((y + dy) * STRIDE + x * 4));
            }
        }
        for (int y = 232 - dy; y < 232; y++) {
            fillTextRow(b, y);
        }
    }

    /** Moves the window's rows down by {@code dy}, new random rows at the top. */
    private void scrollDown(ByteBuffer b, int dy) {
        for (int y = 231; y >= 8 + dy; y--) {
            for (int x = 16; x < 304; x++) {
                b.putInt(y * STRIDE + x * 4, b.getInt((y - dy) * STRIDE + x * 4));
            }
        }
        for (int y = 8; y < 8 + dy; y++) {
            fillTextRow(b, y);
        }
    }

    private static int[] canonical(ByteBuffer b) {
        int[] out = new int[W * H];
        for (int y = 0; y < H; y++) {
            PixelLayout.XR24.toCanonical(b, y * STRIDE, out, y * W, W);
        }
        return out;
    }

    private static DisplaySurface surface(ByteBuffer b) {
        return new DisplaySurface(W, H, STRIDE, PixelLayout.XR24, b, 0);
    }

    @Test
    void aScrollIsReportedAsAMoveInsideTheDamage() {
        ByteBuffer b = textFrame();
        TileDiffer d = new TileDiffer(W, H, PixelLayout.XR24);
        d.diff(surface(b));
        scrollUp(b, 12);
        Region damage = d.diff(surface(b));
        List<Move> moves = d.moves();
        assertEquals(1, moves.size(), "moves " + moves);
        Move m = moves.get(0);
        assertEquals(-12, m.dy());
        assertEquals(0, m.dx());
        assertEquals(new Rect(16, 8, 288, 232 - 12 - 8), m.destination());
        Region outside = new Region(m.destination());
        outside.subtract(damage.bounds());
        assertTrue(outside.isEmpty(), "destination inside damage");
    }

    @Test
    void nearbyTilesFormOneClusterAndDistantOnesAnother() {
        List<Rect> boxes = TileClusters.of(List.of(new Rect(0, 0, 64, 64), new Rect(64, 10, 64, 20),
                new Rect(300, 300, 10, 10), new Rect(10, 64, 5, 5)), 64);
        assertEquals(List.of(new Rect(0, 0, 128, 69), new Rect(300, 300, 10, 10)), boxes);
        // One clean tile between two changed ones still joins them; two do not.
        assertEquals(List.of(new Rect(0, 0, 192, 64), new Rect(320, 0, 10, 10)), TileClusters.of(
                List.of(new Rect(0, 0, 64, 64), new Rect(128, 0, 64, 64), new Rect(320, 0, 10, 10)), 64));
        // Shrunk rects of neighbouring tiles that stop short of the shared edge (text) are one cluster.
        assertEquals(List.of(new Rect(3, 5, 123, 130)), TileClusters.of(List.of(new Rect(3, 5, 55, 50),
                new Rect(70, 8, 56, 50), new Rect(66, 70, 40, 65)), 64));
    }

    @Test
    void anUnrelatedChangeGivesNoMove() {
        ByteBuffer b = textFrame();
        TileDiffer d = new TileDiffer(W, H, PixelLayout.XR24);
        d.diff(surface(b));
        for (int y = 40; y < 120; y++) {
            fillTextRow(b, y);
        }
        assertFalse(d.diff(surface(b)).isEmpty());
        assertTrue(d.moves().isEmpty(), "moves " + d.moves());
    }

    @Test
    void aViewerReplayingMovesAndDamageMatchesTheServer() {
        ByteBuffer b = textFrame();
        TileDiffer d = new TileDiffer(W, H, PixelLayout.XR24);
        d.diff(surface(b));
        int[] viewer = d.framebuffer().pixels().clone();
        CopyTracker tracker = new CopyTracker();
        int movesSent = 0;
        for (int step = 0; step < 12; step++) {
            if (step % 3 == 1) {
                // a change elsewhere, then the scroll, both before the viewer's next update
                for (int y = 100; y < 110; y++) {
                    b.putInt(y * STRIDE + 4, 0x00ff00 + step);
                }
            }
            scrollUp(b, 4 + step);
            Region damage = d.diff(surface(b));
            tracker.damaged(damage, d.moves(), d.residual());
            if (step % 2 == 1) {
                continue; // the viewer had no request pending: updates accumulate
            }
            movesSent += tracker.moves().size();
            int[] fb = d.framebuffer().pixels();
            ReplayingViewer.deliver(tracker, fb, viewer, W);
            assertArrayEquals(fb, viewer, "viewer differs from server after step " + step);
        }
        assertTrue(movesSent >= 4, "moves sent " + movesSent);
    }

    /**
     * The moved rows are shifted inside the shadow and the framebuffer instead of being read from
     * the source again: both must still equal the source exactly, in either direction, for
     * distances below and above the tile size, and with a change elsewhere in the same frame.
     */
    @Test
    void shadowAndFramebufferFollowScrollsBothWays() {
        ByteBuffer b = textFrame();
        TileDiffer d = new TileDiffer(W, H, PixelLayout.XR24);
        d.diff(surface(b));
        int[] distances = {1, 13, 16, 40, 70, 3};
        int moves = 0;
        for (int i = 0; i < distances.length * 2; i++) {
            int dy = distances[i % distances.length];
            if (i % 2 == 0) {
                scrollUp(b, dy);
            } else {
                scrollDown(b, dy);
            }
            if (i % 3 == 2) {
                b.putInt(236 * STRIDE + 300 * 4, 0x123456 + i);
            }
            Region damage = d.diff(surface(b));
            moves += d.moves().size();
            for (Move m : d.moves()) {
                assertEquals(i % 2 == 0 ? -dy : dy, m.dy(), "direction of step " + i);
            }
            assertFalse(damage.isEmpty(), "step " + i);
            assertArrayEquals(canonical(b), d.framebuffer().pixels(), "framebuffer after step " + i + " (dy " + dy + ")");
            assertTrue(d.diff(surface(b)).isEmpty(), "the shadow equals the source after step " + i);
        }
        assertTrue(moves >= 8, "scrolls were found as moves: " + moves);
    }

    /**
     * A terminal printing: the same area scrolls by the same distance again and again (up, or down
     * as when paging back), sometimes with a change inside it in the same frame (a cursor) and
     * sometimes not at all. The scroll (found again from its last distance, without hashing) must
     * come as a move of most of the window, whatever else
     * changed must still arrive, through the sampled scan too, and a viewer replaying moves and
     * residual matches the server.
     */
    @ParameterizedTest(name = "sampled {0}, down {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void aScrollThatGoesOnStaysAMoveAndExact(boolean sampled, boolean down) {
        ByteBuffer b = textFrame();
        TileDiffer d = new TileDiffer(W, H, PixelLayout.XR24);
        SampledScan scan = new SampledScan(d, SampledScan.DEFAULT_STEP, Integer.MAX_VALUE, 1);
        scan.diff(surface(b), sampled);
        int[] viewer = d.framebuffer().pixels().clone();
        CopyTracker tracker = new CopyTracker();
        int scrolls = 0;
        int moved = 0;
        for (int step = 0; step < 30; step++) {
            if (step % 7 != 3) {
                if (down) {
                    scrollDown(b, 13);
                } else {
                    scrollUp(b, 13);
                }
                scrolls++;
            }
            if (step % 4 == 1) {
                for (int y = 100; y < 113; y++) {
                    b.putInt(y * STRIDE + 40 * 4, 0x00ff00 + step); // a cursor inside the scrolled area
                }
            }
            Region damage = scan.diff(surface(b), sampled);
            // Most of the window (224 rows) came as the move: at most the 13 new rows and the
            // cursor's rows (13, with as many again of slack) are left out of it.
            moved += d.moves().stream().mapToInt(m -> m.destination().height()).max().orElse(0) >= 224 - 13 - 26 ? 1 : 0;
            tracker.damaged(damage, d.moves(), d.residual());
            int[] fb = d.framebuffer().pixels();
            ReplayingViewer.deliver(tracker, fb, viewer, W);
            assertArrayEquals(canonical(b), fb, "framebuffer after step " + step);
            assertArrayEquals(fb, viewer, "viewer after step " + step);
            assertTrue(scan.diff(surface(b), sampled).isEmpty(), "shadow equals the source after step " + step);
        }
        assertEquals(scrolls, moved, "every scroll came as a move");
    }

    /** Scrolls rows [top, bottom) of columns [x0, x1) by {@code dy} (negative: up), fresh rows where it opens. */
    private void scrollPane(ByteBuffer b, int x0, int x1, int top, int bottom, int dy) {
        if (dy < 0) {
            for (int y = top; y < bottom; y++) {
                for (int x = x0; x < x1; x++) {
                    int from = y - dy;
                    b.putInt(y * STRIDE + x * 4, from < bottom ? b.getInt(from * STRIDE + x * 4) : rnd.nextInt(4) == 0 ? 0 : 0xffffff);
                }
            }
        } else {
            for (int y = bottom - 1; y >= top; y--) {
                for (int x = x0; x < x1; x++) {
                    int from = y - dy;
                    b.putInt(y * STRIDE + x * 4, from >= top ? b.getInt(from * STRIDE + x * 4) : rnd.nextInt(4) == 0 ? 0 : 0xffffff);
                }
            }
        }
    }

    /**
     * Several panes scrolling by random distances, often by the same one again, with random
     * paint elsewhere, through sampled and full ticks; a viewer that takes an update only now and
     * then replays moves and residual. No exception, the framebuffer equals the source after every
     * tick, and the viewer equals the server whenever it takes an update.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24})
    void randomScrollsOfSeveralPanesStayExact(long seed) {
        java.util.Random r = new java.util.Random(seed);
        ByteBuffer b = textFrame();
        TileDiffer d = new TileDiffer(W, H, PixelLayout.XR24);
        SampledScan scan = new SampledScan(d, SampledScan.DEFAULT_STEP, 1 + r.nextInt(40), 1 + r.nextInt(4));
        scan.diff(surface(b), true);
        int[] viewer = d.framebuffer().pixels().clone();
        CopyTracker tracker = new CopyTracker();
        // Side by side, overlapping rows and not: moves by the same distance get joined where they can.
        int[][] panes = {{0, 90, 0, 110}, {100, 210, 130, 240}, {230, 320, 0, 240}, {100, 210, 0, 100}};
        int[] lastDy = new int[panes.length];
        int moves = 0;
        for (int step = 0; step < 300; step++) {
            int together = r.nextInt(3) == 0 ? r.nextInt(41) - 20 : 0;
            for (int p = 0; p < panes.length; p++) {
                if (together != 0 || r.nextInt(3) != 0) {
                    int dy = together != 0 ? together : r.nextInt(3) != 0 && lastDy[p] != 0 ? lastDy[p] : r.nextInt(41) - 20;
                    lastDy[p] = dy;
                    int[] q = panes[p];
                    scrollPane(b, q[0], q[1], q[2], q[3], dy);
                }
            }
            for (int k = r.nextInt(3); k > 0; k--) {
                int x = r.nextInt(W - 20);
                int y = r.nextInt(H - 20);
                int w = 1 + r.nextInt(20);
                int h = 1 + r.nextInt(20);
                for (int yy = y; yy < y + h; yy++) {
                    for (int xx = x; xx < x + w; xx++) {
                        b.putInt(yy * STRIDE + xx * 4, r.nextInt());
                    }
                }
            }
            Region damage = scan.diff(surface(b), r.nextInt(8) != 0);
            moves += d.moves().size();
            tracker.damaged(damage, d.moves(), d.residual());
            int[] fb = d.framebuffer().pixels();
            if (r.nextInt(3) != 0) {
                ReplayingViewer.deliver(tracker, fb, viewer, W);
            }
            // The sampled scan may still owe changes: the framebuffer equals the source after a full tick.
            if (step % 10 == 9) {
                Region rest = scan.diff(surface(b), false);
                tracker.damaged(rest, d.moves(), d.residual());
                assertArrayEquals(canonical(b), fb, "framebuffer after step " + step);
                ReplayingViewer.deliver(tracker, fb, viewer, W);
                assertArrayEquals(fb, viewer, "viewer after step " + step);
            }
        }
        assertTrue(moves > 50, "moves " + moves);
    }

    /**
     * A narrow column beside a scroll (a terminal's last line-number digit) that moved with it,
     * except for a few rows painted anew in the same frame: the rows above and below them that
     * moved still come as a move of their own, not the whole column as pixels.
     */
    @Test
    void aNeighbourThatMovedExceptForSomeRowsGetsAMoveForTheRest() {
        int w = 640;
        int h = 240;
        ByteBuffer b = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.LITTLE_ENDIAN);
        java.util.Random r = new java.util.Random(11);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // Text in x 0..191 (the window) and 330..337 (the digit column), flat between them.
                boolean text = x < 192 || x >= 330 && x < 338;
                b.putInt((y * w + x) * 4, text && r.nextInt(3) == 0 ? 0 : 0xffffff);
            }
        }
        DisplaySurface s = new DisplaySurface(w, h, w * 4, PixelLayout.XR24, b, 0);
        TileDiffer d = new TileDiffer(w, h, PixelLayout.XR24);
        d.diff(s);
        int[] viewer = d.framebuffer().pixels().clone();
        CopyTracker tracker = new CopyTracker();
        for (int step = 0; step < 3; step++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int from = y + 12;
                    int v = from < h ? b.getInt((from * w + x) * 4) : x < 192 || x >= 330 && x < 338 ? r.nextInt() & 0xffffff : 0xffffff;
                    b.putInt((y * w + x) * 4, v);
                }
            }
            for (int y = 100; y < 110; y++) {
                for (int x = 330; x < 338; x++) {
                    b.putInt((y * w + x) * 4, 0x00ff00 + step); // painted after the scroll
                }
            }
            Region damage = d.diff(s);
            tracker.damaged(damage, d.moves(), d.residual());
            ReplayingViewer.deliver(tracker, d.framebuffer().pixels(), viewer, w);
            assertArrayEquals(canonical(b, w, h), d.framebuffer().pixels(), "framebuffer after step " + step);
            assertArrayEquals(d.framebuffer().pixels(), viewer, "viewer after step " + step);
            Region column = d.residual();
            column.intersect(new Rect(330, 0, 8, h));
            assertTrue(column.area() <= 8 * (10 + 12 + 2), "sent as pixels in the digit column: " + column.area()
                    + " (moves " + d.moves() + ")");
        }
    }

    /**
     * Four windows far apart redrawn with new content on every frame never scroll: each is voted
     * on about once in {@link ScrollDetector#MAX_PAUSE} of its own looks, however many other
     * areas change (a pause counted in all detections voted on each four times as often here).
     * When one of them then scrolls, a move comes within that many looks, and every time after.
     */
    @Test
    void windowsThatNeverScrollAreRarelyVotedOnAndAScrollIsStillFound() {
        int w = 1280;
        int h = 256;
        int[][] windows = {{0, 160}, {384, 544}, {768, 928}, {1120, 1280}};
        ByteBuffer b = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.LITTLE_ENDIAN);
        java.util.Random r = new java.util.Random(5);
        java.util.function.IntConsumer redraw = win -> {
            for (int y = 16; y < 240; y++) {
                for (int x = windows[win][0]; x < windows[win][1]; x++) {
                    b.putInt((y * w + x) * 4, r.nextInt(4) == 0 ? 0 : 0xffffff);
                }
            }
        };
        DisplaySurface s = new DisplaySurface(w, h, w * 4, PixelLayout.XR24, b, 0);
        TileDiffer d = new TileDiffer(w, h, PixelLayout.XR24);
        d.diff(s);
        int frames = 200;
        for (int step = 0; step < frames; step++) {
            for (int win = 0; win < windows.length; win++) {
                redraw.accept(win);
            }
            d.diff(s);
            assertTrue(d.moves().isEmpty(), "random content gave a move: " + d.moves());
        }
        // Per window: looks 1, 2, 4, 7, 12, 21, 38, 71, 104, 137, 170 vote (the pause doubles to 32).
        assertTrue(d.scrollVotes() <= windows.length * 11, "votes " + d.scrollVotes());
        int firstMove = -1;
        for (int step = 0; step < ScrollDetector.MAX_PAUSE + 10; step++) {
            for (int win = 1; win < windows.length; win++) {
                redraw.accept(win);
            }
            for (int y = 16; y < 240; y++) {
                for (int x = 0; x < 160; x++) {
                    b.putInt((y * w + x) * 4, y + 8 < 240 ? b.getInt(((y + 8) * w + x) * 4) : r.nextInt());
                }
            }
            d.diff(s);
            if (!d.moves().isEmpty() && firstMove < 0) {
                firstMove = step;
            }
            if (firstMove >= 0) {
                assertEquals(1, d.moves().size(), "moves at step " + step + ": " + d.moves());
                assertEquals(-8, d.moves().get(0).dy());
            }
        }
        assertTrue(firstMove >= 0 && firstMove <= ScrollDetector.MAX_PAUSE, "first move at step " + firstMove);
        assertArrayEquals(canonical(b, w, h), d.framebuffer().pixels());
    }

    private static int[] canonical(ByteBuffer b, int w, int h) {
        int[] out = new int[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getInt(i * 4) & 0xffffff;
        }
        return out;
    }

    /** Two panes far apart scrolling by the same distance, side by side but in different rows: two moves. */
    @Test
    void panesFarApartScrollingAlikeGiveTwoMoves() {
        int w = 1280;
        int h = 256;
        ByteBuffer b = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.LITTLE_ENDIAN);
        java.util.Random r = new java.util.Random(9);
        for (int i = 0; i < w * h; i++) {
            b.putInt(i * 4, r.nextInt(4) == 0 ? 0 : 0xffffff);
        }
        DisplaySurface s = new DisplaySurface(w, h, w * 4, PixelLayout.XR24, b, 0);
        TileDiffer d = new TileDiffer(w, h, PixelLayout.XR24);
        d.diff(s);
        int[][] panes = {{0, 200, 0, 100}, {600, 800, 150, 256}};
        for (int step = 0; step < 3; step++) {
            for (int[] p : panes) {
                for (int y = p[2]; y < p[3]; y++) {
                    for (int x = p[0]; x < p[1]; x++) {
                        b.putInt((y * w + x) * 4, y + 10 < p[3] ? b.getInt(((y + 10) * w + x) * 4) : r.nextInt());
                    }
                }
            }
            d.diff(s);
            assertEquals(2, d.moves().size(), "moves " + d.moves());
            assertArrayEquals(canonical(b, w, h), d.framebuffer().pixels());
        }
    }
}
