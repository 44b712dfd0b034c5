package org.vfiovnc.encoding.h264;

/**
 * Moving test pictures in canonical 0x00RRGGBB: "text" is sharp one-pixel glyph strokes in terminal colours
 * on coloured bands, scrolling; "photo" is smooth colour gradients with soft waves drifting. Deterministic,
 * so a failure can be reproduced frame by frame.
 */
public final class TestVideo {
    private static final int[] INKS = {0xffffff, 0xff5555, 0x55ff55, 0x5555ff, 0xffff55, 0x000000, 0x00aaaa};
    private static final int[] PAPERS = {0x000000, 0x1e1e3c, 0xf0f0f0, 0x003366, 0x602020};

    private TestVideo() {}

    public static int[] text(int width, int height, int frame) {
        return text(width, height, 0, frame * 3);
    }

    /**
     * The same text drifting sideways, {@code frame * 4} pixels: moving text that is no scroll (the
     * server's scroll detection finds vertical moves only), as in a ticker or a panning picture.
     */
    public static int[] ticker(int width, int height, int frame) {
        return text(width, height, frame * 4, 0);
    }

    private static int[] text(int width, int height, int dx, int dy) {
        int[] px = new int[width * height];
        for (int y = 0; y < height; y++) {
            int sy = y + dy;
            int line = sy / 16;
            int paper = PAPERS[Math.floorMod(line / 3, PAPERS.length)];
            for (int x = 0; x < width; x++) {
                int sx = x + dx;
                int col = sx / 8;
                int ink = INKS[Math.floorMod(line * 7 + col / 5, INKS.length)];
                if (ink == paper) {
                    ink = ~paper & 0xffffff;
                }
                px[y * width + x] = glyphBit(line, col, sx % 8, sy % 16) ? ink : paper;
            }
        }
        return px;
    }

    /** A pseudo glyph: strokes in a 6x10 box of each 8x16 cell, chosen by a hash of the cell. */
    private static boolean glyphBit(int line, int col, int cx, int cy) {
        if (cx < 1 || cx > 6 || cy < 3 || cy > 12) {
            return false;
        }
        int h = (line * 73856093) ^ (col * 19349663);
        h ^= h >>> 13;
        h *= 0x5bd1e995;
        h ^= h >>> 15;
        if ((h & 7) == 0) {
            return false; // a space
        }
        boolean vertical = (cx == 1 && (h & 16) != 0) || (cx == 6 && (h & 32) != 0) || (cx == 3 && (h & 64) != 0);
        boolean horizontal = (cy == 3 && (h & 128) != 0) || (cy == 7 && (h & 256) != 0) || (cy == 12 && (h & 512) != 0);
        boolean diagonal = (h & 1024) != 0 && cx - 1 == (cy - 3) * 5 / 9;
        return vertical || horizontal || diagonal;
    }

    public static int[] photo(int width, int height, int frame) {
        int[] px = new int[width * height];
        double t = frame * 0.15;
        for (int y = 0; y < height; y++) {
            double v = (double) y / height;
            for (int x = 0; x < width; x++) {
                double u = (double) x / width;
                double wave = Math.sin(u * 9 + t) * Math.cos(v * 7 - t * 0.7);
                int r = clamp(255 * (0.55 * u + 0.35 + 0.12 * wave));
                int g = clamp(255 * (0.3 + 0.5 * v * (1 - u) + 0.1 * Math.sin(u * v * 20 + t)));
                int b = clamp(255 * (0.8 - 0.6 * v + 0.1 * wave));
                px[y * width + x] = r << 16 | g << 8 | b;
            }
        }
        return px;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
