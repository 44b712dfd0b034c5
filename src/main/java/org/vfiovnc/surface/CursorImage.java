package org.vfiovnc.surface;

import java.util.Arrays;
import java.util.Objects;

/**
 * A pointer shape: ARGB pixels (non-premultiplied, alpha in the top byte) with its hotspot.
 * Sent to viewers as a pseudo-encoding; never drawn into the framebuffer.
 */
public final class CursorImage {
    private final int width;
    private final int height;
    private final int hotX;
    private final int hotY;
    private final int[] argb;

    public CursorImage(int width, int height, int hotX, int hotY, int[] argb) {
        if (width < 0 || height < 0 || width > 256 || height > 256) {
            throw new IllegalArgumentException("cursor size " + width + "x" + height);
        }
        Objects.requireNonNull(argb, "argb");
        if (argb.length != width * height) {
            throw new IllegalArgumentException("cursor pixels " + argb.length + " != " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.hotX = Math.max(0, Math.min(hotX, Math.max(0, width - 1)));
        this.hotY = Math.max(0, Math.min(hotY, Math.max(0, height - 1)));
        this.argb = argb.clone();
    }

    public int width() { return width; }

    public int height() { return height; }

    public int hotX() { return hotX; }

    public int hotY() { return hotY; }

    public int argb(int x, int y) { return argb[y * width + x]; }

    public int[] argb() { return argb.clone(); }

    /** The classic left-pointing arrow, for sources that have no cursor of their own. */
    public static CursorImage defaultArrow() {
        String[] rows = {
            "X...........",
            "XX..........",
            "XOX.........",
            "XOOX........",
            "XOOOX.......",
            "XOOOOX......",
            "XOOOOOX.....",
            "XOOOOOOX....",
            "XOOOOOOOX...",
            "XOOOOOOOOX..",
            "XOOOOOXXXXX.",
            "XOOXOOX.....",
            "XOX.XOOX....",
            "XX..XOOX....",
            "X....XOOX...",
            ".....XOOX...",
            "......XX....",
        };
        int w = rows[0].length();
        int h = rows.length;
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                char c = rows[y].charAt(x);
                px[y * w + x] = c == 'X' ? 0xff000000 : c == 'O' ? 0xffffffff : 0;
            }
        }
        return new CursorImage(w, h, 0, 0, px);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CursorImage c && c.width == width && c.height == height && c.hotX == hotX
                && c.hotY == hotY && Arrays.equals(c.argb, argb);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(argb) * 31 + width * 7 + height;
    }
}
