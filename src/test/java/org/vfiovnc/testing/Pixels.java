package org.vfiovnc.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Pixel comparisons between what a viewer decoded and what the server holds. */
public final class Pixels {
    private Pixels() {}

    /** Canonical 0x00RRGGBB pixels of an image (alpha dropped). */
    public static int[] of(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < px.length; i++) {
            px[i] &= 0xffffff;
        }
        return px;
    }

    public static int[] read(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        if (img == null) {
            throw new IOException("not an image: " + png);
        }
        return of(img);
    }

    /** The w x h block at (x, y) of a row-major picture {@code sw} pixels wide. */
    public static int[] crop(int[] screen, int sw, int x, int y, int w, int h) {
        int[] out = new int[w * h];
        for (int row = 0; row < h; row++) {
            System.arraycopy(screen, (y + row) * sw + x, out, row * w, w);
        }
        return out;
    }

    /**
     * Null when every channel of every pixel is within {@code tolerance}, else a description of the
     * first mismatch and the count.
     */
    public static String compare(int[] expected, int[] actual, int width, int tolerance) {
        if (expected.length != actual.length) {
            return "size differs: " + expected.length + " vs " + actual.length + " pixels";
        }
        int bad = 0;
        String first = null;
        for (int i = 0; i < expected.length; i++) {
            int e = expected[i];
            int a = actual[i];
            if (Math.abs((e >> 16 & 0xff) - (a >> 16 & 0xff)) > tolerance
                    || Math.abs((e >> 8 & 0xff) - (a >> 8 & 0xff)) > tolerance
                    || Math.abs((e & 0xff) - (a & 0xff)) > tolerance) {
                if (first == null) {
                    first = String.format("first at (%d,%d): expected %06x got %06x", i % width, i / width, e, a);
                }
                bad++;
            }
        }
        return bad == 0 ? null : bad + " pixels differ (tolerance " + tolerance + "), " + first;
    }
}
