package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.Rect;

/**
 * Finds what changed between frames of a source that reports no damage. It keeps a {@link Shadow}
 * of the last frame and, per new frame, runs the exact compare of its tiles ({@link TileCompare}:
 * dirty tiles come out shrunk to their changed pixels), the search for vertical scrolls among
 * nearby changed tiles ({@link ScrollMoves}: reported as {@link Move}s and shifted inside the
 * shadow), and then copies the rest from the source into the shadow. The shadow is the framebuffer
 * the encoders read, plus the source's own bytes where it needs them (see {@link Shadow}). When
 * only candidate tiles are compared (the sampled scan), an area that scrolled last time is first
 * checked at that distance and, where it moved again, shifted and left out of the row compares.
 *
 * <p>Not thread-safe: one refresh loop owns it.
 */
public final class TileDiffer {
    public static final int DEFAULT_TILE = 64;

    private final Shadow shadow;
    private final TileCompare compare;
    private final ScrollMoves scrolls;
    private boolean primed;
    private boolean detectMoves = true;
    private List<Move> moves = List.of();
    private Region residual = new Region();

    public TileDiffer(int width, int height, PixelLayout layout) {
        this(width, height, layout, DEFAULT_TILE);
    }

    public TileDiffer(int width, int height, PixelLayout layout, int tile) {
        if (tile < 8 || tile > 256) {
            throw new IllegalArgumentException("tile size " + tile);
        }
        this.shadow = new Shadow(width, height, layout, tile);
        this.compare = new TileCompare(shadow);
        this.scrolls = new ScrollMoves(shadow);
    }

    public Framebuffer framebuffer() {
        return shadow.framebuffer();
    }

    /** Tile width and height in pixels. */
    public int tileSize() {
        return shadow.tile;
    }

    /** Whether frames of {@code s} can be diffed against this differ's shadow. */
    public boolean accepts(DisplaySurface s) {
        return shadow.fits(s);
    }

    /**
     * Compares {@code s} with the shadow, brings shadow and framebuffer up to date and returns the
     * changed area. The first call returns the whole screen. {@link #moves()} then tells which
     * parts of the damage are the previous frame moved.
     */
    public Region diff(DisplaySurface s) {
        return diff(s, null);
    }

    /**
     * Like {@link #diff(DisplaySurface)}, but compares only the tiles marked in {@code candidates}
     * (all tiles when null): changes elsewhere stay in the source, unseen, and are found by a
     * later call that looks there, because the shadow keeps the old bytes until then. The first
     * call still returns the whole screen.
     */
    public Region diff(DisplaySurface s, TileMask candidates) {
        requireFits(s);
        if (candidates != null && !shadow.fits(candidates)) {
            throw new IllegalArgumentException("tile mask " + candidates.cols() + "x" + candidates.rows()
                    + " does not match the differ's grid " + shadow.tileCols + "x" + shadow.tileRows);
        }
        if (shadow.admit(s.stride())) {
            primed = false;
        }
        try {
            return compareAndTakeIn(s, candidates);
        } finally {
            shadow.forgetSource();
        }
    }

    private Region compareAndTakeIn(DisplaySurface s, TileMask candidates) {
        moves = List.of();
        residual = new Region();
        Region damage = new Region();
        ByteBuffer src = s.pixels().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (!primed) {
            Rect all = new Rect(0, 0, shadow.width, shadow.height);
            shadow.copyIn(src, s.stride(), all);
            shadow.keepSourceBytesIfFilled(src, s.stride());
            damage.add(all);
            residual.add(all);
            primed = true;
            return damage;
        }
        if (candidates != null && candidates.isEmpty()) {
            return damage;
        }
        int stride = s.stride();
        // Areas that scrolled last time are checked at that distance before any other compare;
        // what moved again is shifted at once and left out of the row compares below.
        List<Move> again = detectMoves && candidates != null ? scrolls.repeated(src, stride, candidates) : List.of();
        List<Rect> changed = compare.changed(src, stride, candidates, again);
        for (Rect r : changed) {
            residual.addDisjoint(r);
        }
        List<Move> found = detectMoves && !changed.isEmpty() ? scrolls.find(src, stride, changed, again) : List.of();
        for (Move m : found) {
            residual.subtract(m.destination());
        }
        for (Rect r : residual.rects()) {
            shadow.copyIn(src, stride, r);
        }
        if (shadow.keepSourceBytesIfFilled(src, stride)) {
            residual = new Region(new Rect(0, 0, shadow.width, shadow.height));
        }
        if (again.isEmpty()) {
            moves = found.isEmpty() ? List.of() : List.copyOf(found);
        } else {
            // Moves found after the repeated scrolls were checked against a shadow with those
            // already shifted, which is also the order a viewer copies them in.
            List<Move> all = new ArrayList<>(again);
            all.addAll(found);
            moves = List.copyOf(all);
        }
        damage = residual.copy();
        for (Move m : moves) {
            damage.add(m.destination());
        }
        return damage;
    }

    private void requireFits(DisplaySurface s) {
        if (!shadow.fits(s)) {
            throw new IllegalArgumentException("surface " + s + " does not match differ " + shadow.describe());
        }
    }

    /**
     * What changed besides the moves of the last {@link #diff}: a viewer that shows the previous
     * frame, copies the moves in order and then receives these pixels shows the new frame.
     */
    public Region residual() {
        return residual.copy();
    }

    /**
     * The cheap first look of a sampled scan: compares every {@code step}-th row from
     * {@code fromRow} with the shadow and marks in {@code out} the tile of each differing row.
     * A change at least {@code step} rows tall crosses a compared row, but may reach fewer than
     * {@code step} rows over a tile's top or bottom edge without crossing one there, so a differing
     * row that close to an edge also marks the tile beyond it. Nothing is updated.
     */
    public void sampleRows(DisplaySurface s, int fromRow, int step, TileMask out) {
        sampleRows(s, fromRow, step, out, null);
    }

    /**
     * Like {@link #sampleRows(DisplaySurface, int, int, TileMask)}, comparing only the row parts
     * inside the tiles marked in {@code only} (all tiles when null).
     */
    public void sampleRows(DisplaySurface s, int fromRow, int step, TileMask out, TileMask only) {
        requireFits(s);
        if (step < 1 || fromRow < 0) {
            throw new IllegalArgumentException("sample rows from " + fromRow + " every " + step);
        }
        if (!shadow.fits(out) || only != null && !shadow.fits(only)) {
            throw new IllegalArgumentException("tile mask does not match the differ's grid");
        }
        if (shadow.admit(s.stride())) {
            primed = false;
        }
        if (primed) {
            try {
                compare.sample(s.pixels(), s.stride(), fromRow, step, out, only);
            } finally {
                shadow.forgetSource();
            }
        }
    }

    /** Whether the first frame was taken in (before it, every diff returns the whole screen). */
    public boolean primed() {
        return primed;
    }

    /** An empty mask of this differ's tile grid. */
    public TileMask newTileMask() {
        return new TileMask(shadow.tileCols, shadow.tileRows);
    }

    /**
     * Moves of the last {@link #diff}, in the order a viewer applies them: a viewer that shows the
     * previous frame, copies each move's source onto its destination in turn and then receives the
     * {@link #residual()} shows the new frame. Each destination equals the previous frame's source
     * rectangle exactly and lies inside that diff's damage; no move reads rows another one
     * writes. Empty when nothing moved or detection is off.
     */
    public List<Move> moves() {
        return moves;
    }

    /** Whether the shadow keeps the source's bytes besides the framebuffer (two copies of the screen); for tests. */
    boolean keepsSourceBytes() {
        return shadow.keepsSourceBytes();
    }

    /** Scroll votes taken so far (the expensive part of detection: every row of an area hashed twice); for tests. */
    long scrollVotes() {
        return scrolls.votes();
    }

    /** Turns scroll detection on or off (on by default; the refresh loop turns it on only while a viewer can use moves). */
    public void setDetectMoves(boolean on) {
        detectMoves = on;
    }
}
