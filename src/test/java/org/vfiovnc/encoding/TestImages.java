package org.vfiovnc.encoding;

import java.util.Random;
import org.vfiovnc.surface.Framebuffer;

/** Framebuffers with a known number of colours and shapes that hit each sub-encoding. */
final class TestImages {
    private TestImages() {}

    /** Exactly {@code colours} distinct colours (each used), laid out in runs of varying length. */
    static Framebuffer withColours(int w, int h, int colours, long seed) {
        Framebuffer fb = new Framebuffer(w, h);
        Random rnd = new Random(seed);
        int[] palette = new int[colours];
        for (int i = 0; i < colours; i++) {
            // Distinct even after reduction to 3-3-2 is not required: encoders work on client values.
            palette[i] = (i * 0x010203 * 37 + i * 0x1f0000) & 0xffffff ^ (i << 3);
        }
        int[] px = fb.pixels();
        int i = 0;
        int c = 0;
        while (i < px.length) {
            int run = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 300);
            for (int k = 0; k < run && i < px.length; k++) {
                px[i++] = palette[c];
            }
            c = i < colours ? Math.min(i, colours - 1) : rnd.nextInt(colours);
        }
        // Make sure every colour appears at least once.
        for (int k = 0; k < Math.min(colours, px.length); k++) {
            px[k] = palette[k];
        }
        return fb;
    }

    /** Smooth gradients and noise: many colours, photo-like. */
    static Framebuffer photo(int w, int h, long seed) {
        Framebuffer fb = new Framebuffer(w, h);
        Random rnd = new Random(seed);
        int[] px = fb.pixels();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 255 / Math.max(1, w - 1) + rnd.nextInt(9)) & 0xff;
                int g = (y * 255 / Math.max(1, h - 1) + rnd.nextInt(9)) & 0xff;
                int b = ((x + y) * 3 + rnd.nextInt(5)) & 0xff;
                px[y * w + x] = r << 16 | g << 8 | b;
            }
        }
        return fb;
    }
}
