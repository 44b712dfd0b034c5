package org.vfiovnc.source;

/**
 * Parsing shared by the {@code --source} specs of every source package. Each mistake is an
 * {@link IllegalArgumentException} whose message says what is wrong and what was expected, fit to
 * print as the one line a bad command line gets.
 */
public final class SpecArgs {
    /** Larger than any display a guest can set up, small enough that width * height * 4 fits an int. */
    private static final int MAX_SIDE = 16384;

    private SpecArgs() {}

    /** "WIDTHxHEIGHT", each 1..16384; {@code what} names the spec in the message. */
    public static int[] size(String s, String what) {
        String[] wh = s.toLowerCase().split("x");
        if (wh.length != 2) {
            throw new IllegalArgumentException("bad size '" + s + "' for " + what + "; expected WIDTHxHEIGHT, e.g. 1280x720");
        }
        try {
            int w = Integer.parseInt(wh[0]);
            int h = Integer.parseInt(wh[1]);
            if (w <= 0 || h <= 0 || w > MAX_SIDE || h > MAX_SIDE) {
                throw new IllegalArgumentException("size " + s + " for " + what + " out of range 1.." + MAX_SIDE);
            }
            return new int[] {w, h};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad size '" + s + "' for " + what + "; expected WIDTHxHEIGHT, e.g. 1280x720");
        }
    }

    /** A decimal or 0x-hex number in 0..Integer.MAX_VALUE. */
    public static long number(String s, String what) {
        try {
            long v = s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " " + s + " out of range");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " '" + s + "'; expected a number");
        }
    }
}
