package org.vfiovnc.rfb;

import java.util.List;
import org.vfiovnc.damage.Region;
import org.vfiovnc.surface.Rect;

/**
 * Where a client was last sent lossy (JPEG) pixels. Once those areas stop changing for a while they
 * are due again, to be sent lossless, so a still screen ends up exact. Not thread-safe: the session
 * guards it with its lock.
 */
final class LossyAreas {
    private final Region lossy = new Region();
    private final long quietNanos;
    private long changedAt;

    LossyAreas(long quietMillis) {
        this.quietNanos = quietMillis * 1_000_000;
    }

    void sentLossy(List<Rect> rects, long now) {
        for (Rect r : rects) {
            lossy.add(r);
        }
        if (!rects.isEmpty()) {
            changedAt = now;
        }
    }

    /** New damage inside a lossy area restarts the quiet period (it will be re-sent anyway). */
    void damaged(Region damage, long now) {
        if (lossy.isEmpty()) {
            return;
        }
        Rect b = lossy.bounds();
        for (Rect r : damage.rects()) {
            if (r.intersects(b)) {
                changedAt = now;
                return;
            }
        }
    }

    boolean isEmpty() {
        return lossy.isEmpty();
    }

    /** Whether some lossy pixels lie inside {@code r}. */
    boolean touches(Rect r) {
        for (Rect l : lossy.rects()) {
            if (l.intersects(r)) {
                return true;
            }
        }
        return false;
    }

    /** Nanoseconds until a refresh is due (0 = due now), or Long.MAX_VALUE with nothing lossy. */
    long nanosUntilDue(long now) {
        if (lossy.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, changedAt + quietNanos - now);
    }

    /** Whether a refresh is due now for some part inside {@code area}. */
    boolean dueIn(Rect area, long now) {
        if (nanosUntilDue(now) != 0) {
            return false;
        }
        for (Rect r : lossy.rects()) {
            if (r.intersects(area)) {
                return true;
            }
        }
        return false;
    }

    /** Takes the lossy parts inside {@code area} for a lossless refresh. */
    List<Rect> take(Rect area) {
        Region due = lossy.copy();
        due.intersect(area);
        lossy.subtract(area);
        return due.rects();
    }

    void clear() {
        lossy.clear();
    }
}
