package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Vernacular;

/**
 * A scrolling screen reaches a real viewer (vernacular, which decodes CopyRect) as CopyRect moves
 * plus the newly exposed rows, and the viewer's picture is exact when the scrolling stops.
 */
class CopyRectScrollTest {
    static final int W = 320;
    static final int H = 240;

    /** A source that shows whatever {@link #visible()} returns, a new buffer per frame. */
    abstract static class Picture implements DisplaySource {
        private long serial;

        abstract int[] visible();

        @Override
        public void open() {}

        @Override
        public synchronized Optional<DisplaySurface> acquire() {
            ByteBuffer b = ByteBuffer.allocateDirect(W * H * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.asIntBuffer().put(visible());
            return Optional.of(new DisplaySurface(W, H, W * 4, PixelLayout.XR24, b, ++serial));
        }

        @Override
        public String describe() {
            return getClass().getSimpleName();
        }

        @Override
        public void close() {}
    }

    /** A window onto a tall page of unique rows; {@link #scroll} moves it down by some rows. */
    static final class ScrollingPage extends Picture {
        private final int[] page = new int[W * H * 8];
        private volatile int top;

        ScrollingPage() {
            for (int y = 0; y < H * 8; y++) {
                for (int x = 0; x < W; x++) {
                    // Text-like rows: each row differs, so a vertical shift is unambiguous.
                    boolean ink = ((x / 6 + y * 7) % 11) < 3 && (y % 12) < 9;
                    page[y * W + x] = ink ? (y * 2654435 & 0xffffff) : 0x101820;
                }
            }
        }

        void scroll(int rows) {
            top = Math.min(top + rows, H * 7);
        }

        @Override
        int[] visible() {
            int[] v = new int[W * H];
            System.arraycopy(page, top * W, v, 0, v.length);
            return v;
        }
    }

    /** Two panes, two tiles apart, scrolling by different distances in the same frames. */
    static final class TwoPanes extends Picture {
        private final ScrollingPage left = new ScrollingPage();
        private final ScrollingPage right = new ScrollingPage();

        synchronized void scroll(int leftRows, int rightRows) {
            left.scroll(leftRows);
            right.scroll(rightRows);
        }

        @Override
        synchronized int[] visible() {
            int[] l = left.visible();
            int[] r = right.visible();
            int[] v = new int[W * H];
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    v[y * W + x] = x < 112 ? l[y * W + x] : x >= 256 ? r[y * W + x] : 0x203040;
                }
            }
            return v;
        }
    }

    @Test
    void twoPanesScrollingAtOnceArriveAsSeveralCopyRectsAndEndExact() throws Exception {
        TwoPanes panes = new TwoPanes();
        EncodingStats stats = scrollAndFollow(panes, () -> panes.scroll(12, 7));
        long copies = stats.rects().getOrDefault(Encodings.COPY_RECT, 0L);
        assertTrue(copies > stats.updates(), "both panes' scrolls were sent as CopyRect: " + copies + " in "
                + stats.updates() + " updates, " + stats.rects());
    }

    @Test
    void scrollingArrivesAsCopyRectAndEndsExact() throws Exception {
        ScrollingPage page = new ScrollingPage();
        EncodingStats stats = scrollAndFollow(page, () -> page.scroll(12));
        assertTrue(stats.rects().getOrDefault(Encodings.COPY_RECT, 0L) > 0, "scrolls were sent as CopyRect: " + stats.rects());
    }

    /**
     * Serves {@code picture} to vernacular (which decodes CopyRect), scrolls it 30 times 60 ms apart
     * and waits until the viewer shows it exactly; returns the server's encoding tally.
     */
    private static EncodingStats scrollAndFollow(Picture picture, Runnable scroll) throws Exception {
        try (VncServer server = TestServer.start(picture);
             Vernacular v = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> c.setEnableCopyrectEncoding(true))) {
            v.awaitImage(picture::visible, W, 0, 20);
            for (int i = 0; i < 30; i++) {
                scroll.run();
                Thread.sleep(60);
            }
            v.awaitImage(picture::visible, W, 0, 20);
            return server.rfb().stats();
        }
    }
}
