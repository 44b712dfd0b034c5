package org.vfiovnc.damage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vfiovnc.surface.Rect;

/**
 * Finds a vertical scroll inside a changed area, and remembers each area it looked at. The area is
 * cut into columns at tile edges ({@link TileColumns}); its rows vote for an offset
 * ({@link OffsetVote}), and every row of every column is then checked byte for byte at the winning
 * offset ({@link ScrollCheck}): the move is the largest rectangle of checked rows and neighbouring
 * columns.
 *
 * <p>Two shortcuts keep a busy screen cheap. An area that scrolled before is first checked at its
 * last offset, without hashing (a terminal scrolls by one line again and again);
 * {@link ScrollMoves#repeated} makes that check ({@link #again}) before the differ compares the
 * area's rows at all, so a repeated scroll costs one compare per row instead of two. An area where nothing was found is left alone for
 * its next looks, the pause doubling with each miss up to {@link #MAX_PAUSE} looks (a redrawn
 * video or a window dragged sideways never scrolls vertically). Looks at the area itself, not
 * detections anywhere: with a terminal, a clock and a video on screen, a pause counted in all
 * detections ended after a few frames of the video and it was hashed several times a second.
 *
 * <p>Not thread-safe: its differ owns it.
 */
final class ScrollDetector {
    /** Fewer rows than this are not worth a CopyRect. */
    static final int MIN_ROWS = 16;
    /** Largest pause, in looks at the area itself, over an area where nothing was found. */
    static final int MAX_PAUSE = 32;
    private static final int MEMORY = 16;

    /** An area looked at before: its last offset, or when to look again after a miss. */
    private static final class Seen {
        Rect area;
        int dy;
        int misses;
        int skipsLeft;

        Seen(Rect area) {
            this.area = area;
        }
    }

    private final List<Seen> seen = new ArrayList<>();
    private final int tile;
    private final OffsetVote vote;
    private final ScrollCheck check;

    /** @param shadow the previous frame; columns are cut at multiples of its tile size */
    ScrollDetector(Shadow shadow) {
        this.tile = shadow.tile;
        this.vote = new OffsetVote(shadow);
        this.check = new ScrollCheck(shadow);
    }

    /**
     * @param src new frame, rows {@code stride} apart
     * @param area the changed area to search (both ends of the move lie inside it)
     */
    Optional<Move> find(ByteBuffer src, int stride, Rect area) {
        if (area.height() < MIN_ROWS * 2) {
            return Optional.empty();
        }
        Seen s = recall(area);
        if (s != null && s.dy == 0 && s.skipsLeft > 0) {
            // Paused; follow the area (a window dragged sideways) so that its next look finds it.
            s.skipsLeft--;
            s.area = area;
            return Optional.empty();
        }
        TileColumns cols = new TileColumns(area, tile);
        Optional<Move> found = Optional.empty();
        if (s != null && s.dy != 0) {
            found = check.verify(src, stride, area, cols, s.dy);
        }
        if (found.isEmpty()) {
            int dy = vote.vote(src, stride, area, cols);
            if (dy != 0 && (s == null || dy != s.dy)) {
                found = check.verify(src, stride, area, cols, dy);
            }
        }
        remember(s, area, found);
        return found;
    }

    /** Votes taken so far (each hashes every row of its area twice): statistics for tests. */
    long votes() {
        return vote.count();
    }

    /** An area that scrolled at the last look, with its distance. */
    record Scrolling(Rect area, int dy) {
    }

    /** The remembered areas whose last look found a scroll. */
    List<Scrolling> scrolling() {
        List<Scrolling> out = new ArrayList<>();
        for (Seen s : seen) {
            if (s.dy != 0) {
                out.add(new Scrolling(s.area, s.dy));
            }
        }
        return out;
    }

    /**
     * Checks {@code area} (which holds a remembered scrolling area) at that area's last distance
     * only, before the area's rows are compared with the shadow at all: a terminal that scrolled
     * by a line scrolls by a line again, and a verified move needs no other compare. On a miss
     * the memory forgets the distance without pausing, so that the ordinary {@link #find} of the
     * changed area goes straight to voting.
     */
    Optional<Move> again(ByteBuffer src, int stride, Rect area, Scrolling last) {
        Seen s = recall(area);
        if (s == null || s.dy != last.dy() || area.height() < MIN_ROWS * 2) {
            return Optional.empty();
        }
        Optional<Move> found = check.verify(src, stride, area, new TileColumns(area, tile), last.dy());
        if (found.isPresent()) {
            remember(s, area, found);
        } else {
            s.dy = 0;
            s.misses = 0;
            s.skipsLeft = 0;
        }
        return found;
    }

    /**
     * The area seen before that is mostly this one (each covers at least half of the other): a
     * narrow cluster beside a scrolling window is another area, and its misses must not pause the
     * window.
     */
    private Seen recall(Rect area) {
        for (Seen s : seen) {
            long common = s.area.intersect(area).area();
            if (2 * common >= s.area.area() && 2 * common >= area.area()) {
                return s;
            }
        }
        return null;
    }

    private void remember(Seen s, Rect area, Optional<Move> found) {
        if (s == null) {
            if (seen.size() == MEMORY) {
                seen.remove(0);
            }
            s = new Seen(area);
            seen.add(s);
        }
        s.area = area;
        if (found.isPresent()) {
            s.dy = found.get().dy();
            s.misses = 0;
        } else {
            // The first miss costs nothing (a terminal that paused for a frame scrolls on); then
            // 1, 2, 4 ... MAX_PAUSE looks are skipped.
            s.dy = 0;
            s.misses++;
            s.skipsLeft = s.misses < 2 ? 0 : Math.min(MAX_PAUSE, 1 << Math.min(20, s.misses - 2));
        }
    }
}
