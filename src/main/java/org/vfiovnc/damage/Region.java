package org.vfiovnc.damage;

import java.util.ArrayList;
import java.util.List;
import org.vfiovnc.surface.Rect;

/**
 * A set of pixels kept as disjoint rectangles. Adding a rectangle stores only the parts not yet
 * covered, so encoders never send a pixel twice in one update. When the list grows past
 * {@link #MAX_RECTS} it collapses to its bounding box: a pathological pattern then costs some extra
 * pixels instead of unbounded memory and time.
 */
public final class Region {
    public static final int MAX_RECTS = 512;

    private final List<Rect> rects = new ArrayList<>();

    public Region() {}

    public Region(Rect r) {
        add(r);
    }

    public Region copy() {
        Region c = new Region();
        c.rects.addAll(rects);
        return c;
    }

    public boolean isEmpty() {
        return rects.isEmpty();
    }

    /** The disjoint rectangles, in no particular order. */
    public List<Rect> rects() {
        return List.copyOf(rects);
    }

    public long area() {
        long a = 0;
        for (Rect r : rects) {
            a += r.area();
        }
        return a;
    }

    public Rect bounds() {
        Rect b = new Rect(0, 0, 0, 0);
        for (Rect r : rects) {
            b = b.union(r);
        }
        return b;
    }

    public void clear() {
        rects.clear();
    }

    public void add(Rect r) {
        if (r.isEmpty()) {
            return;
        }
        List<Rect> pieces = new ArrayList<>();
        pieces.add(r);
        for (Rect existing : rects) {
            if (pieces.isEmpty()) {
                return;
            }
            if (!existing.intersects(r)) {
                continue;
            }
            List<Rect> next = new ArrayList<>();
            for (Rect p : pieces) {
                subtract(p, existing, next);
            }
            pieces = next;
        }
        for (Rect p : pieces) {
            appendCoalescing(p);
        }
        if (rects.size() > MAX_RECTS) {
            Rect b = bounds();
            rects.clear();
            rects.add(b);
        }
    }

    /**
     * Adds a rectangle the caller knows overlaps none already here (one per tile, say), without
     * the overlap search and coalescing of {@link #add(Rect)}: the differ adds dozens per tick.
     */
    public void addDisjoint(Rect r) {
        if (r.isEmpty()) {
            return;
        }
        rects.add(r);
        if (rects.size() > MAX_RECTS) {
            Rect b = bounds();
            rects.clear();
            rects.add(b);
        }
    }

    public void add(Region other) {
        for (Rect r : other.rects) {
            add(r);
        }
    }

    /** Keeps only the part inside {@code clip}. */
    public void intersect(Rect clip) {
        List<Rect> kept = new ArrayList<>(rects.size());
        for (Rect r : rects) {
            Rect i = r.intersect(clip);
            if (!i.isEmpty()) {
                kept.add(i);
            }
        }
        rects.clear();
        rects.addAll(kept);
    }

    /** Removes {@code cut} from the region. */
    public void subtract(Rect cut) {
        List<Rect> kept = new ArrayList<>(rects.size());
        for (Rect r : rects) {
            if (r.intersects(cut)) {
                subtract(r, cut, kept);
            } else {
                kept.add(r);
            }
        }
        rects.clear();
        rects.addAll(kept);
    }

    /** Appends to {@code out} the parts of {@code r} outside {@code cut}: up to four bands. */
    static void subtract(Rect r, Rect cut, List<Rect> out) {
        if (!r.intersects(cut)) {
            out.add(r);
            return;
        }
        int top = Math.max(r.y(), cut.y());
        int bottom = Math.min(r.bottom(), cut.bottom());
        if (cut.y() > r.y()) {
            out.add(new Rect(r.x(), r.y(), r.width(), cut.y() - r.y()));
        }
        if (cut.bottom() < r.bottom()) {
            out.add(new Rect(r.x(), cut.bottom(), r.width(), r.bottom() - cut.bottom()));
        }
        if (cut.x() > r.x()) {
            out.add(new Rect(r.x(), top, cut.x() - r.x(), bottom - top));
        }
        if (cut.right() < r.right()) {
            out.add(new Rect(cut.right(), top, r.right() - cut.right(), bottom - top));
        }
    }

    /** Merges with a neighbour that shares a full edge, which keeps tile-sized damage in few rects. */
    private void appendCoalescing(Rect p) {
        for (int i = 0; i < rects.size(); i++) {
            Rect q = rects.get(i);
            boolean sameRows = q.y() == p.y() && q.height() == p.height();
            boolean sameCols = q.x() == p.x() && q.width() == p.width();
            if (sameRows && (q.right() == p.x() || p.right() == q.x())) {
                rects.remove(i);
                appendCoalescing(new Rect(Math.min(p.x(), q.x()), p.y(), p.width() + q.width(), p.height()));
                return;
            }
            if (sameCols && (q.bottom() == p.y() || p.bottom() == q.y())) {
                rects.remove(i);
                appendCoalescing(new Rect(p.x(), Math.min(p.y(), q.y()), p.width(), p.height() + q.height()));
                return;
            }
        }
        rects.add(p);
    }

    @Override
    public String toString() {
        return rects.toString();
    }
}
