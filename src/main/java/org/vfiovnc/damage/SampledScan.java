package org.vfiovnc.damage;

import org.vfiovnc.surface.DisplaySurface;

/**
 * How the refresh loop looks for changes while the screen is busy: instead of comparing the whole
 * frame every tick, compare every {@code step}-th row (the phase rotating so that each row is
 * looked at once in {@code step} ticks), then run the exact compare only on the tiles those rows
 * found dirty. A change at least {@code step} rows tall is found whole in the tick it appears
 * (see {@link TileDiffer#sampleRows}); a shorter one within {@code step} ticks. Nothing is lost:
 * the shadow keeps a tile's old bytes until the exact compare has looked at it. Every
 * {@code fullEvery}-th sampled tick, and every tick the caller does not ask for sampling, is a
 * full exact compare (which costs about one memory compare of the frame when little changed).
 *
 * <p>One per differ; not thread-safe.
 */
public final class SampledScan {
    /**
     * Rows apart of the sampled rows. 16 halves the cost of 8 per tick (measured end to end: 12 %
     * less server CPU per update at the same latency); a 13-row text line is then found in its first
     * tick 13 times out of 16, else in the next one or two (5 ms apart while a viewer waits).
     */
    public static final int DEFAULT_STEP = 16;
    /** Sampled ticks between full compares: a safety net, not needed for correctness. */
    public static final int DEFAULT_FULL_EVERY = 64;

    private final TileDiffer differ;
    private final TileMask mask;
    private final int[] phases;
    private final int fullEvery;
    private int tick;
    private long fullScans;
    private long sampledScans;

    public SampledScan(TileDiffer differ) {
        this(differ, DEFAULT_STEP, DEFAULT_FULL_EVERY);
    }

    public SampledScan(TileDiffer differ, int step, int fullEvery) {
        if (step < 1 || step > 64 || fullEvery < 1) {
            throw new IllegalArgumentException("sample step " + step + ", full compare every " + fullEvery);
        }
        this.differ = differ;
        this.mask = differ.newTileMask();
        this.phases = phaseOrder(step);
        this.fullEvery = fullEvery;
    }

    /**
     * The order in which the row phases take turns: for a power of two, bit-reversed (0, 4, 2, 6,
     * 1, ...), so that a change a few rows tall meets a sampled row after fewer ticks than when
     * the phase walks down one row at a time.
     */
    static int[] phaseOrder(int step) {
        int[] order = new int[step];
        if (Integer.bitCount(step) != 1) {
            for (int i = 0; i < step; i++) {
                order[i] = i;
            }
            return order;
        }
        int bits = Integer.numberOfTrailingZeros(step);
        for (int i = 0; i < step; i++) {
            order[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        return order;
    }

    public TileDiffer differ() {
        return differ;
    }

    /**
     * One tick's diff of {@code s}: sampled when {@code sampled} is true (the screen is busy),
     * else a full exact compare.
     */
    public Region diff(DisplaySurface s, boolean sampled) {
        if (!sampled || !differ.primed() || ++tick % fullEvery == 0) {
            fullScans++;
            return differ.diff(s);
        }
        sampledScans++;
        int phase = phases[tick % phases.length];
        mask.clear();
        differ.sampleRows(s, phase, phases.length, mask);
        return differ.diff(s, mask);
    }

    public int step() {
        return phases.length;
    }

    /** Full exact compares so far (statistics for benchmarks and tests). */
    public long fullScans() {
        return fullScans;
    }

    /** Sampled ticks so far. */
    public long sampledScans() {
        return sampledScans;
    }
}
