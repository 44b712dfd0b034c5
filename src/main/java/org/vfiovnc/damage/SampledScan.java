package org.vfiovnc.damage;

import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.Rect;

/**
 * How the refresh loop looks for changes while the screen is busy: instead of comparing the whole
 * frame every tick, compare every {@code step}-th row (the phase rotating so that each row is
 * looked at once in {@code step} ticks), then run the exact compare only on the tiles those rows
 * found dirty. Nothing is lost: the shadow keeps a tile's old bytes until the exact compare has
 * looked at it. Every {@code fullEvery}-th sampled tick, and every tick the caller does not ask
 * for sampling, is a full exact compare (which costs about one memory compare of the frame when
 * little changed).
 *
 * <p>Screens change where they changed before (a terminal, a video, a clock). Tiles that changed
 * within the last {@link #HOT_TICKS} ticks are hot and sampled every tick; the rest only every
 * {@code coldEvery}-th tick, with their own rotating phase, and in between only where they border
 * a hot tile a sampled row found changed (so a window moving out of its hot tiles is not torn).
 * A change with at least {@code step} of its rows in hot tiles is found whole in the tick it
 * appears, else within {@code coldEvery} ticks (see {@link TileDiffer#sampleRows}); a shorter one
 * within {@code step} ticks (hot tiles) or {@code step} cold ticks (cold tiles).
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
    /**
     * Sampled ticks between full compares (1.3 s at the 5 ms fast tick): a safety net, not needed
     * for correctness, as every row is sampled once in {@link #DEFAULT_STEP} ticks. At one in 64
     * they cost about a tenth of the busy loop's compares.
     */
    public static final int DEFAULT_FULL_EVERY = 256;
    /**
     * Cold tiles are sampled every this many ticks: 30 ms at the 5 ms fast tick, as often as
     * x0vncserver polls its whole screen. On the benchmark desktop a cold tick reads about four
     * times the bytes of a hot one (400 against 110 KB of the source), so every 4th tick (20 ms) made
     * the sampled reads a fifth larger.
     */
    public static final int DEFAULT_COLD_EVERY = 6;
    /**
     * A tile stays hot this many sampled ticks after its last change (0.3 s at the fast tick):
     * long enough for a terminal, a video or a moving window, short enough that the tiles a window
     * crossed a while ago cool down (end to end, 64 cost 5 % less CPU than 200 in the refresh loop).
     */
    public static final int HOT_TICKS = 64;

    private final TileDiffer differ;
    private final TileMask mask;
    private final TileMask hot;
    private final TileMask cold;
    private final TileMask border;
    private final int[] phases;
    private final int fullEvery;
    private final int coldEvery;
    /** Per tile: the tick of its last change. */
    private final int[] changedAt;
    private final int tileCols;
    private final int tileRows;
    private int tick;
    private int coldTicks;
    private int hotTicks;
    private long fullScans;
    private long sampledScans;

    public SampledScan(TileDiffer differ) {
        this(differ, DEFAULT_STEP, DEFAULT_FULL_EVERY, DEFAULT_COLD_EVERY);
    }

    /** Every tile sampled every tick (no hot and cold). */
    public SampledScan(TileDiffer differ, int step, int fullEvery) {
        this(differ, step, fullEvery, 1);
    }

    public SampledScan(TileDiffer differ, int step, int fullEvery, int coldEvery) {
        if (step < 1 || step > 64 || fullEvery < 1 || coldEvery < 1) {
            throw new IllegalArgumentException("sample step " + step + ", full compare every " + fullEvery
                    + ", cold tiles every " + coldEvery);
        }
        this.differ = differ;
        this.mask = differ.newTileMask();
        this.hot = differ.newTileMask();
        this.cold = differ.newTileMask();
        this.border = differ.newTileMask();
        this.phases = phaseOrder(step);
        this.fullEvery = fullEvery;
        this.coldEvery = coldEvery;
        this.tileCols = mask.cols();
        this.tileRows = mask.rows();
        this.changedAt = new int[tileCols * tileRows];
        java.util.Arrays.fill(changedAt, -HOT_TICKS - 1);
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
            return remember(differ.diff(s));
        }
        sampledScans++;
        int step = phases.length;
        mask.clear();
        if (coldEvery == 1) {
            differ.sampleRows(s, phases[tick % step], step, mask);
        } else {
            // Hot tiles every tick and cold ones every coldEvery-th, each in its own rotation of
            // phases so that both take every phase in turn (the same bytes as sampling every tile
            // at the cold phase on cold ticks, but the hot tiles' rotation no longer skips them).
            boolean coldTick = tick % coldEvery == 0;
            markHot(coldTick);
            int phase = phases[hotTicks++ % step];
            if (!hot.isEmpty()) {
                differ.sampleRows(s, phase, step, mask, hot);
            }
            if (coldTick) {
                differ.sampleRows(s, phases[coldTicks++ % step], step, mask, cold);
            } else if (markBorder()) {
                differ.sampleRows(s, phase, step, mask, border);
            }
        }
        return remember(differ.diff(s, mask));
    }

    /**
     * One tick's look at a screen that has been quiet for a while: every {@code step}-th row of
     * every tile (the phase rotating), then the exact compare of the tiles they flag. A change at
     * least {@code step} rows tall is found whole; a shorter one when its rows' turn comes or at
     * the caller's next full compare. Costs about a fifth of a full compare, which matters when an
     * unchanged 1080p frame is compared ten times a second for idle viewers: cold in cache it takes
     * 2 ms (16 MB read), about 2 % of a core.
     */
    public Region quietDiff(DisplaySurface s) {
        if (!differ.primed()) {
            return remember(differ.diff(s));
        }
        sampledScans++;
        mask.clear();
        differ.sampleRows(s, phases[coldTicks++ % phases.length], phases.length, mask);
        return remember(differ.diff(s, mask));
    }

    /** Marks the hot tiles, and the cold ones too when {@code alsoCold} (only cold ticks sample them). */
    private void markHot(boolean alsoCold) {
        hot.clear();
        cold.clear();
        for (int row = 0; row < tileRows; row++) {
            for (int col = 0; col < tileCols; col++) {
                if (tick - changedAt[row * tileCols + col] <= HOT_TICKS) {
                    hot.mark(col, row);
                } else if (alsoCold) {
                    cold.mark(col, row);
                }
            }
        }
    }

    /** The cold neighbours of the tiles marked so far; false when there are none. */
    private boolean markBorder() {
        border.clear();
        if (mask.isEmpty()) {
            return false;
        }
        for (int row = 0; row < tileRows; row++) {
            if (!mask.anyInRow(row)) {
                continue;
            }
            for (int col = 0; col < tileCols; col++) {
                if (!mask.marked(col, row)) {
                    continue;
                }
                for (int r = Math.max(0, row - 1); r <= Math.min(tileRows - 1, row + 1); r++) {
                    for (int c = Math.max(0, col - 1); c <= Math.min(tileCols - 1, col + 1); c++) {
                        if (!hot.marked(c, r)) {
                            border.mark(c, r);
                        }
                    }
                }
            }
        }
        return !border.isEmpty();
    }

    private Region remember(Region damage) {
        int t = differ.tileSize();
        for (Rect r : damage.rects()) {
            for (int row = r.y() / t; row <= (r.bottom() - 1) / t; row++) {
                for (int col = r.x() / t; col <= (r.right() - 1) / t; col++) {
                    changedAt[row * tileCols + col] = tick;
                }
            }
        }
        return damage;
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
