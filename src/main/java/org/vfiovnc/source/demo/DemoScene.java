package org.vfiovnc.source.demo;

import java.util.Arrays;
import org.vfiovnc.surface.BitmapFont;

/**
 * Paints a desktop-like scene into canonical pixels as a pure function of time: a gradient
 * wallpaper, a panel with a ticking clock, icons, a terminal whose text scrolls, and a window that
 * moves around. Solid areas, gradients, text and motion give the differ and the encoders the mix of
 * work a real desktop gives them.
 */
final class DemoScene {
    private static final String[] WORDS = {
        "vfio", "mdev", "region", "dmabuf", "plane", "stride", "fourcc", "XR24", "guest", "host",
        "damage", "tile", "shadow", "encode", "zrle", "tight", "hextile", "viewer", "frame", "ioctl",
    };

    private final int width;
    private final int height;
    private final int[] px;

    DemoScene(int width, int height) {
        this.width = width;
        this.height = height;
        this.px = new int[width * height];
    }

    int[] pixels() {
        return px;
    }

    /** Paints the scene at {@code millis} since start; {@code clock} is the time of day shown (seconds). */
    void paint(long millis, long clockSeconds) {
        wallpaper();
        panel(clockSeconds);
        icons();
        terminal(millis);
        movingWindow(millis);
    }

    private void wallpaper() {
        for (int y = 0; y < height; y++) {
            int t = y * 255 / Math.max(1, height - 1);
            int rgb = (0x20 + t / 8) << 16 | (0x40 + t / 4) << 8 | (0x70 + t / 3);
            Arrays.fill(px, y * width, (y + 1) * width, rgb);
        }
    }

    private void panel(long clockSeconds) {
        int h = Math.min(28, height);
        fill(0, 0, width, h, 0x1b1f24);
        fill(0, h - 1, width, 1, 0x3a4048);
        text(10, (h - 14) / 2, "VFIO-VNC DEMO", 0xe0e6ec, 2);
        long s = Math.floorMod(clockSeconds, 86400);
        String clock = String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        text(width - BitmapFont.textWidth(clock, 2) - 10, (h - 14) / 2, clock, 0xffd75f, 2);
    }

    private void icons() {
        int[] colours = {0xd9534f, 0x5cb85c, 0x5bc0de, 0xf0ad4e};
        String[] names = {"FILES", "TERM", "WEB", "MAIL"};
        for (int i = 0; i < colours.length; i++) {
            int x = 20;
            int y = 50 + i * 80;
            if (y + 60 > height) {
                break;
            }
            fill(x, y, 48, 48, colours[i]);
            fill(x + 8, y + 8, 32, 32, colours[i] + 0x202020 & 0xffffff);
            text(x, y + 52, names[i], 0xffffff, 1);
        }
    }

    private void terminal(long millis) {
        int x = Math.min(100, width / 8);
        int y = 50;
        int w = Math.min(620, width - x - 20);
        int h = Math.min(360, height - y - 20);
        if (w < 60 || h < 40) {
            return;
        }
        window(x, y, w, h, "TERMINAL", 0x2d3e50);
        int lineH = 10;
        int top = y + 24;
        int lines = (h - 28) / lineH;
        long first = millis / 400;
        fill(x + 2, top - 2, w - 4, h - 24, 0x101010);
        for (int i = 0; i < lines; i++) {
            long n = first + i;
            String line = "$ " + line(n);
            text(x + 6, top + i * lineH, line.length() * 6 > w - 12 ? line.substring(0, (w - 12) / 6) : line,
                    n % 7 == 0 ? 0x8ae234 : 0xd3d7cf, 1);
        }
        if ((millis / 500) % 2 == 0) {
            fill(x + 6, top + (lines - 1) * lineH + 8, 6, 2, 0xd3d7cf);
        }
    }

    private static String line(long n) {
        StringBuilder sb = new StringBuilder();
        long v = n * 2654435761L + 12345;
        int words = 3 + (int) Math.floorMod(v >> 7, 6);
        for (int i = 0; i < words; i++) {
            v = v * 6364136223846793005L + 1442695040888963407L;
            sb.append(WORDS[(int) Math.floorMod(v >>> 33, WORDS.length)]).append(' ');
        }
        return sb.append(n).toString();
    }

    private void movingWindow(long millis) {
        int w = Math.min(300, width / 3);
        int h = Math.min(200, height / 3);
        double t = millis / 1000.0;
        int x = (int) ((width - w) * (0.5 + 0.45 * Math.sin(t * 0.7)));
        int y = (int) (30 + (height - h - 30) * (0.5 + 0.45 * Math.sin(t * 1.1 + 1)));
        window(x, y, w, h, "MOVING WINDOW", 0x6a3d9a);
        // A colour gradient body: many colours, photo-like.
        for (int yy = 0; yy < h - 26; yy++) {
            int row = (y + 24 + yy) * width;
            for (int xx = 0; xx < w - 4; xx++) {
                int r = xx * 255 / Math.max(1, w - 4);
                int g = yy * 255 / Math.max(1, h - 26);
                int b = (int) (128 + 127 * Math.sin((xx + yy) / 20.0 + t));
                int px0 = x + 2 + xx;
                if (px0 >= 0 && px0 < width && y + 24 + yy < height) {
                    px[row + px0] = r << 16 | g << 8 | b;
                }
            }
        }
    }

    private void window(int x, int y, int w, int h, String title, int titleColour) {
        fill(x + 4, y + 4, w, h, 0x000000);
        fill(x, y, w, h, 0xc0c0c0);
        fill(x, y, w, 22, titleColour);
        text(x + 8, y + 4, title, 0xffffff, 2);
        fill(x + w - 20, y + 5, 12, 12, 0xe06c75);
    }

    private void fill(int x, int y, int w, int h, int rgb) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        for (int yy = y0; yy < y1; yy++) {
            Arrays.fill(px, yy * width + x0, Math.max(yy * width + x0, yy * width + x1), rgb);
        }
    }

    private void text(int x, int y, String s, int rgb, int scale) {
        BitmapFont.draw(px, width, height, x, y, s, rgb, scale);
    }
}
