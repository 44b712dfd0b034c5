package org.vfiovnc.encoding;

import org.vfiovnc.protocol.PixelFormat;

/**
 * Tight's gradient filter: each colour channel is sent as its difference from the prediction
 * left + up - upper-left (clamped to 0..255), which deflate packs well on smooth, photo-like areas.
 */
final class TightGradient {
    private TightGradient() {}

    /** Whether the gradient filter predicts this rectangle well (smooth, photo-like content). */
    static boolean smooth(int[] v, int w, int h, PixelFormat f) {
        if (w < 4 || h < 4) {
            return false;
        }
        long err = 0;
        long count = 0;
        for (int y = 1; y < h; y += 3) {
            for (int x = 1; x < w; x += 3) {
                for (int s : new int[] {f.redShift(), f.greenShift(), f.blueShift()}) {
                    int c = v[y * w + x] >>> s & 0xff;
                    int left = v[y * w + x - 1] >>> s & 0xff;
                    int up = v[(y - 1) * w + x] >>> s & 0xff;
                    int ul = v[(y - 1) * w + x - 1] >>> s & 0xff;
                    int pred = Math.max(0, Math.min(255, left + up - ul));
                    err += Math.abs(c - pred);
                    count++;
                }
            }
        }
        return count > 0 && err < count * 12;
    }

    /** Appends the filtered bytes of {@code v} ({@code w} x {@code h}, 24-bit colour) to {@code plain}. */
    static void filter(int[] v, int w, int h, PixelFormat f, OutBuffer plain) {
        plain.ensure(w * h * 3);
        int[] shifts = {f.redShift(), f.greenShift(), f.blueShift()};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                for (int s : shifts) {
                    int left = x > 0 ? v[i - 1] >>> s & 0xff : 0;
                    int up = y > 0 ? v[i - w] >>> s & 0xff : 0;
                    int ul = x > 0 && y > 0 ? v[i - w - 1] >>> s & 0xff : 0;
                    int pred = Math.max(0, Math.min(255, left + up - ul));
                    plain.u8((v[i] >>> s) - pred);
                }
            }
        }
    }
}
