package org.vfiovnc.encoding.h264;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.vfiovnc.surface.Rect;

/**
 * Random pictures with a random area repainted, for the conversions' check that converting only the
 * changed area leaves the planes as converting everything would: odd and even sizes, inside a wider stride.
 */
final class ChangedAreas {
    private static final int[][] SIZES = {{333, 199}, {64, 48}, {17, 9}};
    private static final int TRIALS = 40;

    /** One picture before and after {@code area} was repainted. */
    record Trial(int width, int height, int stride, int[] before, int[] after, Rect area) {
        String where() {
            return width + "x" + height + " area " + area.x() + "," + area.y() + " " + area.width() + "x" + area.height();
        }
    }

    private ChangedAreas() {}

    /** Runs {@code check} on forty trials for each size, the same ones every time. */
    static void forEach(Consumer<Trial> check) {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int[] size : SIZES) {
            int w = size[0];
            int h = size[1];
            int stride = w + 5;
            int[] before = new int[stride * h];
            for (int i = 0; i < before.length; i++) {
                before[i] = rnd.nextInt() & 0xffffff;
            }
            for (int trial = 0; trial < TRIALS; trial++) {
                int x = rnd.nextInt(w);
                int y = rnd.nextInt(h);
                int rw = 1 + rnd.nextInt(w - x);
                int rh = 1 + rnd.nextInt(h - y);
                int[] after = before.clone();
                for (int j = y; j < y + rh; j++) {
                    for (int i = x; i < x + rw; i++) {
                        after[j * stride + i] = rnd.nextInt() & 0xffffff;
                    }
                }
                check.accept(new Trial(w, h, stride, before, after, new Rect(x, y, rw, rh)));
            }
        }
    }
}
