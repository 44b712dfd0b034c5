package org.vfiovnc.encoding;

import java.util.Arrays;

/**
 * The distinct pixel values of a tile, up to a limit, in order of first appearance, with an
 * open-addressing hash for the index lookup (encoders call it once per run).
 */
final class ColourPalette {
    private static final int SLOTS = 1024;
    private final int[] keys = new int[SLOTS];
    private final short[] index = new short[SLOTS];
    private final int[] colours;
    private final int[] slots;
    private int size;
    private boolean overflow;

    ColourPalette(int maxColours) {
        colours = new int[maxColours];
        slots = new int[maxColours];
        Arrays.fill(index, (short) -1);
    }

    void reset() {
        for (int i = 0; i < size; i++) {
            index[slots[i]] = -1;
        }
        size = 0;
        overflow = false;
    }

    private int slot(int v) {
        int h = (v * 0x9E3779B1) >>> 22;
        while (index[h] >= 0 && keys[h] != v) {
            h = (h + 1) & (SLOTS - 1);
        }
        return h;
    }

    /** Adds {@code v}; returns false (and stays full) when it would exceed the limit. */
    boolean add(int v) {
        if (overflow) {
            return false;
        }
        int s = slot(v);
        if (index[s] >= 0) {
            return true;
        }
        if (size == colours.length) {
            overflow = true;
            return false;
        }
        keys[s] = v;
        index[s] = (short) size;
        slots[size] = s;
        colours[size++] = v;
        return true;
    }

    int indexOf(int v) {
        return index[slot(v)];
    }

    int size() {
        return size;
    }

    boolean overflow() {
        return overflow;
    }

    int colour(int i) {
        return colours[i];
    }
}
