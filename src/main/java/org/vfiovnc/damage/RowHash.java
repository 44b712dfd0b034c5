package org.vfiovnc.damage;

import java.nio.ByteBuffer;

/**
 * The hash of a row's bytes that scroll votes compare ({@link OffsetVote}), the same for a
 * source's bytes and a shadow's whatever form the shadow keeps them in. For layouts with an unused
 * fourth byte ({@code maskX}) that byte is left out: sources fill it as they like, and a shadow
 * that keeps only canonical pixels does not have it.
 */
final class RowHash {
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final long PRIME = 0x100000001B3L;
    /** Keeps R, G and B of two little-endian 32-bit pixels, drops their fourth bytes. */
    static final long NO_X = 0x00FFFFFF00FFFFFFL;

    private RowHash() {
    }

    /** The hash of {@code len} bytes of {@code b} from {@code off} (a multiple of 4 when {@code maskX}). */
    static long of(ByteBuffer b, int off, int len, boolean maskX) {
        long h = SEED;
        long mask = maskX ? NO_X : -1L;
        int end = off + len;
        int i = off;
        // Every other 8 bytes: rows that differ only in skipped bytes share a hash, which at worst
        // loses votes, as every move is checked byte for byte.
        for (; i + 16 <= end; i += 16) {
            h = mix(h, b.getLong(i) & mask);
        }
        for (; i < end; i++) {
            h = mix(h, maskX && (i & 3) == 3 ? 0 : b.get(i));
        }
        return h;
    }

    /** {@link #of} of the little-endian bytes of canonical pixels {@code px} (fourth bytes zero) from byte {@code off}. */
    static long ofPixels(int[] px, int off, int len) {
        long h = SEED;
        int end = off + len;
        int i = off;
        for (; i + 16 <= end; i += 16) {
            int p = i >> 2;
            h = mix(h, (px[p] & 0xFFFFFFFFL | (long) px[p + 1] << 32) & NO_X);
        }
        for (; i < end; i++) {
            h = mix(h, (i & 3) == 3 ? 0 : (byte) (px[i >> 2] >>> ((i & 3) << 3)));
        }
        return h;
    }

    private static long mix(long h, long v) {
        h = (h ^ v) * PRIME;
        return h ^ h >>> 29;
    }
}
