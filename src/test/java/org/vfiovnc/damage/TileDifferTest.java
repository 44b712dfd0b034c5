package org.vfiovnc.damage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.Rect;
import org.vfiovnc.testing.TestPatterns;

class TileDifferTest {

    /** A surface over a buffer with padded rows, filled with a pattern. */
    static final class Screen {
        final int w;
        final int h;
        final int stride;
        final PixelLayout layout;
        final ByteBuffer buf;

        Screen(int w, int h, int pad, PixelLayout layout) {
            this.w = w;
            this.h = h;
            this.layout = layout;
            this.stride = w * layout.bytesPerPixel() + pad;
            this.buf = ByteBuffer.allocateDirect(stride * h);
            TestPatterns.fill(buf, w, h, stride, 0, layout, 3);
        }

        DisplaySurface surface() {
            return new DisplaySurface(w, h, stride, layout, buf, 0);
        }

        void set(int x, int y, int rgb) {
            layout.putCanonical(buf, y * stride + x * layout.bytesPerPixel(), rgb);
        }

        int[] canonical() {
            int[] out = new int[w * h];
            for (int y = 0; y < h; y++) {
                layout.toCanonical(buf, y * stride, out, y * w, w);
            }
            return out;
        }
    }

    @Test
    void firstFrameIsAllDamageThenNothing() {
        Screen s = new Screen(200, 100, 0, PixelLayout.XR24);
        TileDiffer d = new TileDiffer(200, 100, PixelLayout.XR24);
        Region first = d.diff(s.surface());
        assertEquals(List.of(new Rect(0, 0, 200, 100)), first.rects());
        assertArrayEquals(s.canonical(), d.framebuffer().pixels());
        assertTrue(d.diff(s.surface()).isEmpty());
    }

    @ParameterizedTest(name = "{0} {1}x{2} pad {3}")
    @CsvSource({"XR24,200,100,0", "XR24,67,33,12", "AB24,130,65,4", "XB24,64,64,0", "RG16,99,71,6", "RG24,70,70,3"})
    void singlePixelChangeIsFoundExactly(String fourcc, int w, int h, int pad) {
        PixelLayout layout = PixelLayout.byName(fourcc).orElseThrow();
        Screen s = new Screen(w, h, pad, layout);
        TileDiffer d = new TileDiffer(w, h, layout);
        d.diff(s.surface());
        int[][] points = {{0, 0}, {w - 1, h - 1}, {w / 2, h / 2}, {63 % w, 64 % h}, {w - 1, 0}};
        for (int i = 0; i < points.length; i++) {
            int[] p = points[i];
            // A colour no earlier step used, so that repeated points still change.
            s.set(p[0], p[1], 0x102030 * (i + 1) & 0xffffff);
            Region r = d.diff(s.surface());
            assertEquals(List.of(new Rect(p[0], p[1], 1, 1)), r.rects(), "change at " + p[0] + "," + p[1]);
            assertArrayEquals(s.canonical(), d.framebuffer().pixels());
        }
    }

    @Test
    void changesInRowPaddingAreIgnored() {
        Screen s = new Screen(100, 50, 16, PixelLayout.XR24);
        TileDiffer d = new TileDiffer(100, 50, PixelLayout.XR24);
        d.diff(s.surface());
        for (int y = 0; y < 50; y++) {
            s.buf.put(y * s.stride + 400 + 5, (byte) 0x5a);
        }
        assertTrue(d.diff(s.surface()).isEmpty());
    }

    @Test
    void changeAcrossTileBordersIsShrunkPerTile() {
        Screen s = new Screen(256, 192, 0, PixelLayout.XR24);
        TileDiffer d = new TileDiffer(256, 192, PixelLayout.XR24);
        d.diff(s.surface());
        for (int y = 60; y < 70; y++) {
            for (int x = 60; x < 130; x++) {
                s.set(x, y, 0xff00ff);
            }
        }
        Region r = d.diff(s.surface());
        assertEquals(70 * 10, r.area(), "exactly the changed pixels: " + r);
        assertEquals(new Rect(60, 60, 70, 10), r.bounds());
        assertArrayEquals(s.canonical(), d.framebuffer().pixels());
    }

    @Test
    void fullChangeCoversEverything() {
        Screen s = new Screen(333, 177, 0, PixelLayout.XR24);
        TileDiffer d = new TileDiffer(333, 177, PixelLayout.XR24);
        d.diff(s.surface());
        TestPatterns.fill(s.buf, 333, 177, s.stride, 0, PixelLayout.XR24, 200);
        Region r = d.diff(s.surface());
        assertEquals(333L * 177, r.area());
        assertArrayEquals(s.canonical(), d.framebuffer().pixels());
    }

    @Test
    void alphaOnlyChangeInAr24IsNotDamageInTheFramebuffer() {
        Screen s = new Screen(64, 64, 0, PixelLayout.AR24);
        TileDiffer d = new TileDiffer(64, 64, PixelLayout.AR24);
        d.diff(s.surface());
        s.buf.put(3, (byte) 0x10);
        // The bytes changed, so the differ reports it; the canonical pixel stays the same colour.
        Region r = d.diff(s.surface());
        assertEquals(1, r.area());
        assertArrayEquals(s.canonical(), d.framebuffer().pixels());
    }
}
