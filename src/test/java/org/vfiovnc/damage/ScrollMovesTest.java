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
    void touchingTilesFormOneClusterAndDistantOnesAnother() {
        List<Rect> boxes = TileDiffer.clusters(List.of(new Rect(0, 0, 64, 64), new Rect(64, 10, 64, 20),
                new Rect(300, 300, 10, 10), new Rect(10, 64, 5, 5)));
        assertEquals(List.of(new Rect(0, 0, 128, 69), new Rect(300, 300, 10, 10)), boxes);
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
            tracker.damaged(damage, d.moves());
            if (step % 2 == 1) {
                continue; // the viewer had no request pending: updates accumulate
            }
            for (Move m : tracker.moves()) {
                copy(viewer, m);
                movesSent++;
            }
            int[] fb = d.framebuffer().pixels();
            for (Rect r : tracker.damage().rects()) {
                for (int y = r.y(); y < r.bottom(); y++) {
                    System.arraycopy(fb, y * W + r.x(), viewer, y * W + r.x(), r.width());
                }
            }
            tracker.clear();
            assertArrayEquals(fb, viewer, "viewer differs from server after step " + step);
        }
        assertTrue(movesSent >= 4, "moves sent " + movesSent);
    }

    /** What a viewer does for CopyRect: copy from its own framebuffer (overlap-safe). */
    private static void copy(int[] fb, Move m) {
        Rect s = m.source();
        int[] tmp = new int[s.width() * s.height()];
        for (int y = 0; y < s.height(); y++) {
            System.arraycopy(fb, (s.y() + y) * W + s.x(), tmp, y * s.width(), s.width());
        }
        Rect t = m.destination();
        for (int y = 0; y < t.height(); y++) {
            System.arraycopy(tmp, y * t.width(), fb, (t.y() + y) * W + t.x(), t.width());
        }
    }
}
