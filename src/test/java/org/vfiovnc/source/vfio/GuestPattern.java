package org.vfiovnc.source.vfio;

/** The test picture guestplay.c draws: r = x + 3*seed, g = y + 5*seed, b = x ^ y ^ 29*seed. */
final class GuestPattern {
    private GuestPattern() {}

    static int rgb(int x, int y, int seed) {
        int r = (x + 3 * seed) & 0xff;
        int g = (y + 5 * seed) & 0xff;
        int b = (x ^ y ^ (29 * seed)) & 0xff;
        return r << 16 | g << 8 | b;
    }
}
