package org.vfiovnc.damage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.Rect;

/**
 * The two forms of the shadow: canonical 32-bit sources that leave the fourth byte zero are
 * compared with the framebuffer itself (one copy of the screen); other layouts, rows off 4-byte
 * boundaries and sources that fill the fourth byte keep the source's bytes too. Either way the framebuffer must equal the
 * source's pixels after every diff and the damage must cover every pixel whose colour changed.
 */
class ShadowFormsTest {
    private static final int W = 203;
    private static final int H = 131;

    /** What the sources put in the fourth byte of a canonical 32-bit pixel. */
    enum FourthByte {
        ZERO, OPAQUE, NOISE;

        int value(SplittableRandom rnd) {
            switch (this) {
                case ZERO: return 0;
                case OPAQUE: return 0xff;
                default: return rnd.nextInt(256);
            }
        }
    }

    private static final class Screen {
        final int stride;
        final PixelLayout layout;
        final ByteBuffer buf;
        final int[] colours = new int[W * H];

        Screen(PixelLayout layout, int pad) {
            this.layout = layout;
            this.stride = W * layout.bytesPerPixel() + pad;
            this.buf = ByteBuffer.allocateDirect(stride * H).order(ByteOrder.LITTLE_ENDIAN);
        }

        void set(int x, int y, int rgb, int fourth) {
            int at = y * stride + x * layout.bytesPerPixel();
            layout.putCanonical(buf, at, rgb);
            if (layout.bytesPerPixel() == 4) {
                buf.put(at + 3, (byte) fourth);
            }
            colours[y * W + x] = rgb;
        }

        int[] canonical() {
            int[] out = new int[W * H];
            for (int y = 0; y < H; y++) {
                layout.toCanonical(buf, y * stride, out, y * W, W);
            }
            return out;
        }

        DisplaySurface surface() {
            return new DisplaySurface(W, H, stride, layout, buf, 0);
        }
    }

    @ParameterizedTest
    @CsvSource({"XR24,0,ZERO,false", "AR24,8,ZERO,false", "XR24,0,OPAQUE,true", "AR24,8,NOISE,true", "XR24,2,ZERO,true",
            "XB24,0,OPAQUE,true", "RG16,0,ZERO,true", "BG24,0,ZERO,true"})
    void framebufferFollowsTheSourceAndDamageCoversEveryColourChange(PixelLayout layout, int pad, FourthByte fourth,
            boolean twoCopies) {
        SplittableRandom rnd = new SplittableRandom(layout.ordinal() * 31L + pad + fourth.ordinal());
        Screen s = new Screen(layout, pad);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                s.set(x, y, rnd.nextInt(0x1000000), fourth.value(rnd));
            }
        }
        TileDiffer d = new TileDiffer(W, H, layout, 16);
        d.diff(s.surface());
        assertArrayEquals(s.canonical(), d.framebuffer().pixels());
        assertEquals(twoCopies, d.keepsSourceBytes(), "form of the shadow for " + layout + " with rows " + s.stride + " bytes apart");
        for (int frame = 0; frame < 40; frame++) {
            int[] before = s.canonical();
            paintRandomRects(s, rnd, fourth);
            int[] after = s.canonical();
            Region damage = d.diff(s.surface());
            assertArrayEquals(after, d.framebuffer().pixels(), "framebuffer after frame " + frame);
            for (int i = 0; i < after.length; i++) {
                if (before[i] != after[i]) {
                    int x = i % W;
                    int y = i / W;
                    assertTrue(covers(damage, x, y), "changed pixel " + x + "," + y + " outside the damage of frame " + frame);
                }
            }
        }
    }

    private static boolean covers(Region damage, int x, int y) {
        for (Rect r : damage.rects()) {
            if (x >= r.x() && x < r.right() && y >= r.y() && y < r.bottom()) {
                return true;
            }
        }
        return false;
    }

    private static void paintRandomRects(Screen s, SplittableRandom rnd, FourthByte fourth) {
        int n = rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            Rect r = new Rect(rnd.nextInt(W - 1), rnd.nextInt(H - 1), 1 + rnd.nextInt(40), 1 + rnd.nextInt(30));
            int rgb = rnd.nextInt(0x1000000);
            for (int y = r.y(); y < Math.min(H, r.bottom()); y++) {
                for (int x = r.x(); x < Math.min(W, r.right()); x++) {
                    // Noise changes the fourth byte of pixels whose colour stays, too.
                    s.set(x, y, rnd.nextInt(3) == 0 ? s.colours[y * W + x] : rgb, fourth.value(rnd));
                }
            }
        }
    }

    @Test
    void aSourceThatStartsFillingTheFourthByteIsTakenInWholeOnce() {
        Screen s = new Screen(PixelLayout.XR24, 0);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                s.set(x, y, rnd.nextInt(0x1000000), 0);
            }
        }
        TileDiffer d = new TileDiffer(W, H, PixelLayout.XR24, 16);
        d.diff(s.surface());
        assertFalse(d.keepsSourceBytes(), "one copy while the fourth byte is zero");
        // A change of only the fourth byte is no change of colour, and nothing is taken in.
        s.buf.put(7 * s.stride + 3 * 4 + 3, (byte) 0x40);
        assertTrue(d.diff(s.surface()).isEmpty());
        assertFalse(d.keepsSourceBytes());
        // From now on the source writes 0xff there: first in one pixel, which is taken in.
        s.set(5, 5, 0x123456, 0xff);
        Region switched = d.diff(s.surface(), null);
        assertTrue(d.keepsSourceBytes(), "two copies once the source fills the fourth byte");
        assertEquals((long) W * H, switched.area(), "the whole frame is taken in and sent once");
        assertArrayEquals(s.canonical(), d.framebuffer().pixels());
        assertTrue(d.diff(s.surface()).isEmpty());
        s.set(100, 100, 0xabcdef, 0xff);
        assertEquals(1, d.diff(s.surface()).area());
        assertArrayEquals(s.canonical(), d.framebuffer().pixels());
    }

    @Test
    void rowsOffFourByteBoundariesAreTakenInWholeWithTheSourceBytes() {
        Screen s = new Screen(PixelLayout.XR24, 2);
        TileDiffer d = new TileDiffer(W, H, PixelLayout.XR24, 16);
        assertEquals((long) W * H, d.diff(s.surface()).area());
        assertTrue(d.keepsSourceBytes());
        assertTrue(d.diff(s.surface()).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(names = {"ZERO", "OPAQUE"})
    void aScrollIsFoundWhateverTheFourthByteHolds(FourthByte fourth) {
        SplittableRandom rnd = new SplittableRandom(11);
        Screen s = new Screen(PixelLayout.XR24, 0);
        // Text-like rows: random black and white cells, so that every row is unique.
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                s.set(x, y, rnd.nextInt(4) == 0 ? 0 : 0xffffff, fourth.value(rnd));
            }
        }
        TileDiffer d = new TileDiffer(W, H, PixelLayout.XR24, 16);
        d.diff(s.surface());
        int dy = 9;
        for (int y = 0; y < H - dy; y++) {
            for (int x = 0; x < W; x++) {
                // The colours move up; the fourth bytes are whatever the source writes this time.
                s.set(x, y, s.colours[(y + dy) * W + x], fourth.value(rnd));
            }
        }
        for (int y = H - dy; y < H; y++) {
            for (int x = 0; x < W; x++) {
                s.set(x, y, 0x808080, fourth.value(rnd));
            }
        }
        d.diff(s.surface());
        assertEquals(1, d.moves().size(), "moves " + d.moves());
        assertEquals(-dy, d.moves().get(0).dy());
        assertArrayEquals(s.canonical(), d.framebuffer().pixels());
    }
}
