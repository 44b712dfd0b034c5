package org.vfiovnc.display;

import java.util.Arrays;
import org.vfiovnc.surface.BitmapFont;
import org.vfiovnc.surface.Framebuffer;

/** The frame viewers see while the source has no picture: dark, with a short notice in the middle. */
final class NoSignalFrame {
    static final int BACKGROUND = 0x101418;
    private static final int TEXT = 0xc8d0d8;

    private NoSignalFrame() {}

    static Framebuffer render(int width, int height, String title, String detail) {
        Framebuffer fb = new Framebuffer(width, height);
        int[] px = fb.pixels();
        Arrays.fill(px, BACKGROUND);
        int scale = Math.max(1, Math.min(4, width / 240));
        int tw = BitmapFont.textWidth(title, scale);
        BitmapFont.draw(px, width, height, (width - tw) / 2, height / 2 - 12 * scale, title, TEXT, scale);
        if (detail != null && !detail.isEmpty()) {
            String d = detail.length() > 100 ? detail.substring(0, 100) : detail;
            int s2 = Math.max(1, scale / 2);
            int dw = BitmapFont.textWidth(d, s2);
            BitmapFont.draw(px, width, height, Math.max(0, (width - dw) / 2), height / 2 + 4 * scale, d, 0x8090a0, s2);
        }
        return fb;
    }
}
