package org.vfiovnc.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/** Synthetic XR24 frames for the kernel benchmarks: desktop-like (flat areas, text-like cells), deterministic. */
final class Frames {
    static final int W = 1920;
    static final int H = 1080;
    static final int BYTES = W * H * 4;

    private Frames() {}

    /** A desktop-like frame: background, a "window" of pseudo text lines whose content depends on {@code seed}. */
    static byte[] desktop(long seed) {
        byte[] b = new byte[BYTES];
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                bb.putInt((y * W + x) * 4, 0x3a6ea5);
            }
        }
        // text-like cells 8x16 in a window, one random "glyph" bit pattern per cell
        for (int cy = 100; cy + 16 <= 1000; cy += 16) {
            for (int cx = 200; cx + 8 <= 1700; cx += 8) {
                long bits = rnd.nextLong();
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 8; x++) {
                        boolean on = ((bits >>> ((y * 8 + x) & 63)) & 1) != 0 && y > 2 && y < 14;
                        bb.putInt(((cy + y) * W + cx + x) * 4, on ? 0x101010 : 0xffffff);
                    }
                }
            }
        }
        return b;
    }

    /** {@code src} with the window's rows [top, bottom) moved up by {@code dy} (new lines from {@code fresh}). */
    static byte[] scrolled(byte[] src, byte[] fresh, int top, int bottom, int dy) {
        byte[] b = src.clone();
        int row = W * 4;
        for (int y = top; y < bottom; y++) {
            byte[] from = y + dy < bottom ? src : fresh;
            System.arraycopy(from, (y + dy) % H * row + 200 * 4, b, y * row + 200 * 4, 1500 * 4);
        }
        return b;
    }

    /** {@code src} with one 64x64 tile at (tx, ty) inverted. */
    static byte[] oneTile(byte[] src, int tx, int ty) {
        byte[] b = src.clone();
        for (int y = ty; y < ty + 64; y++) {
            for (int x = tx; x < tx + 64; x++) {
                int i = (y * W + x) * 4;
                b[i] ^= (byte) 0xff;
                b[i + 1] ^= (byte) 0xff;
            }
        }
        return b;
    }

    static ByteBuffer buffer(byte[] frame, boolean direct) {
        if (!direct) {
            return ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer d = ByteBuffer.allocateDirect(frame.length).order(ByteOrder.LITTLE_ENDIAN);
        d.put(frame).clear();
        return d;
    }

    static DisplaySurface surface(ByteBuffer pixels) {
        return new DisplaySurface(W, H, W * 4, PixelLayout.XR24, pixels, 0);
    }
}
