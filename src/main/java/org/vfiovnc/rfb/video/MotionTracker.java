package org.vfiovnc.rfb.video;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.vfiovnc.damage.Region;
import org.vfiovnc.surface.Rect;

/**
 * Finds the areas of the screen in motion from the damage of each tick, at no per-pixel cost: per
 * 64-px tile it keeps when damage last touched it, since when it has been touched at video rate
 * (no gap over {@link #MAX_GAP_NANOS}) and how often, and the box of that damage. A group of
 * adjacent tiles touched {@link #MIN_FRAMES} times at {@link #MIN_RATE} frames per second or more
 * becomes a {@link VideoArea} the size of their damage box (snapped to even edges). An area keeps its
 * rectangle, so its decoder context stays, until it rests {@link #REST_NANOS}, or until a good part
 * of it does (a quarter, at least {@link #MIN_PIXELS}): then it ends, the part still moving becomes
 * an area of its own and the resting part gets its lossless refresh, so a video that stops in one
 * half of a large area does not keep the other half blurred. Motion that spills out of an area
 * makes a new, larger area. The refresh loop's thread calls {@link #damaged}; any thread
 * reads {@link #active}.
 */
final class MotionTracker {
    private static final Logger LOG = Logger.getLogger(MotionTracker.class.getName());
    static final int TILE = 64;
    static final int MIN_FRAMES = 10;
    static final int MIN_RATE = 15;
    /**
     * A tile's run survives a gap this long: two frames of a 15 fps video, so a frame the loop saw late
     * on a busy host (it then encodes for other viewers too) does not end it; the rate decides.
     */
    static final long MAX_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(150);
    /**
     * Touches closer than this to a tile's last counted one are the same frame: a redraw the loop
     * saw in pieces over consecutive 5 ms ticks (a window redrawn ten times a second counted twenty
     * times once its redraws straddled two ticks). Frames of a 60 fps video are 16.7 ms apart.
     */
    static final long MIN_FRAME_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(12);
    /** An area unchanged this long is no longer video (its lossless refresh follows). */
    static final long REST_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Smaller moving things (a spinner, a blinking caret) cost little as pixels: not worth a decoder. */
    static final long MIN_PIXELS = 128 * 96;
    private static final long NEVER = Long.MIN_VALUE / 2;

    private int width;
    private int height;
    private int cols;
    private int rows;
    private long[] lastHit = new long[0];
    /** Per tile, when the last touch counted as a frame of its run was. */
    private long[] lastFrame = new long[0];
    private long[] runStart = new long[0];
    private int[] runs = new int[0];
    /** Per tile, the box of the damage of its current run: left, top, right, bottom. */
    private int[] box = new int[0];
    /** The loop thread's list; readers get {@link #published}. */
    private List<VideoArea> areas = List.of();
    private volatile List<VideoArea> published = List.of();

    /** A new screen of {@code w x h}: nothing moves on it yet. */
    void reset(int w, int h) {
        width = w;
        height = h;
        cols = (w + TILE - 1) / TILE;
        rows = (h + TILE - 1) / TILE;
        int n = cols * rows;
        lastHit = new long[n];
        Arrays.fill(lastHit, NEVER);
        lastFrame = new long[n];
        runStart = new long[n];
        runs = new int[n];
        box = new int[4 * n];
        publish(List.of());
    }

    /** The damage of one tick, at {@code now}. */
    void damaged(Region damage, long now) {
        boolean uncovered = false;
        for (Rect r : damage.rects()) {
            for (VideoArea a : areas) {
                if (a.rect.intersects(r)) {
                    a.changed(now);
                }
            }
            int tx1 = Math.min(cols, (r.right() + TILE - 1) / TILE);
            int ty1 = Math.min(rows, (r.bottom() + TILE - 1) / TILE);
            for (int ty = r.y() / TILE; ty < ty1; ty++) {
                for (int tx = r.x() / TILE; tx < tx1; tx++) {
                    int t = ty * cols + tx;
                    hit(t, now);
                    grow(t, r, tx * TILE, ty * TILE);
                    uncovered |= hot(t, now) && !covered(t);
                }
            }
        }
        if (uncovered) {
            regroup(now);
        } else if (anyRested(now)) {
            publish(stillActive(now));
        }
    }

    /** The areas in motion at {@code now}. */
    List<Rect> active(long now) {
        List<VideoArea> all = published;
        if (all.isEmpty()) {
            return List.of();
        }
        List<Rect> out = new ArrayList<>(all.size());
        for (VideoArea a : all) {
            if (a.activeAt(now, REST_NANOS)) {
                out.add(a.rect);
            }
        }
        return out;
    }

    /**
     * One more touch of tile {@code t} (once per tick); a gap too long starts a new run, a touch
     * within {@link #MIN_FRAME_GAP_NANOS} of the last counted frame belongs to that frame.
     */
    private void hit(int t, long now) {
        if (lastHit[t] == now) {
            return;
        }
        if (now - lastHit[t] > MAX_GAP_NANOS) {
            runs[t] = 0;
            runStart[t] = now;
            lastFrame[t] = NEVER;
            box[4 * t] = Integer.MAX_VALUE;
            box[4 * t + 1] = Integer.MAX_VALUE;
            box[4 * t + 2] = Integer.MIN_VALUE;
            box[4 * t + 3] = Integer.MIN_VALUE;
        }
        lastHit[t] = now;
        if (now - lastFrame[t] >= MIN_FRAME_GAP_NANOS) {
            runs[t]++;
            lastFrame[t] = now;
        }
    }

    /** Adds the part of {@code r} inside the tile at {@code left, top} to the tile's damage box. */
    private void grow(int t, Rect r, int left, int top) {
        int b = 4 * t;
        box[b] = Math.min(box[b], Math.max(r.x(), left));
        box[b + 1] = Math.min(box[b + 1], Math.max(r.y(), top));
        box[b + 2] = Math.max(box[b + 2], Math.min(r.right(), left + TILE));
        box[b + 3] = Math.max(box[b + 3], Math.min(r.bottom(), top + TILE));
    }

    /**
     * Touched at least {@link #MIN_FRAMES} times, lately, at about {@link #MIN_RATE} per second or more
     * (a quarter of slack: the loop sees a 15 fps video's frames a tick late or early).
     */
    private boolean hot(int t, long now) {
        int n = runs[t];
        return n >= MIN_FRAMES && now - lastHit[t] <= MAX_GAP_NANOS
                && (now - runStart[t]) * MIN_RATE * 4 <= (n - 1) * 5_000_000_000L;
    }

    private boolean covered(int t) {
        Rect b = tileBox(t);
        for (VideoArea a : areas) {
            if (a.rect.contains(b)) {
                return true;
            }
        }
        return false;
    }

    private Rect tileBox(int t) {
        int b = 4 * t;
        return new Rect(box[b], box[b + 1], box[b + 2] - box[b], box[b + 3] - box[b + 1]);
    }

    /**
     * Groups the hot tiles into boxes and makes each box big enough an area, merged with the areas
     * it overlaps (a grown area is a new context; areas that do not grow keep theirs).
     */
    private void regroup(long now) {
        List<VideoArea> next = new ArrayList<>(stillActive(now));
        boolean changed = next.size() != areas.size();
        for (Rect candidate : hotBoxes(now)) {
            if (candidate.area() < MIN_PIXELS || containedIn(next, candidate)) {
                continue;
            }
            Rect merged = candidate;
            boolean grew = true;
            while (grew) {
                grew = false;
                for (int i = 0; i < next.size(); i++) {
                    if (next.get(i).rect.intersects(merged)) {
                        merged = merged.union(next.remove(i).rect);
                        grew = true;
                        break;
                    }
                }
            }
            VideoArea area = new VideoArea(merged, now);
            next.add(area);
            changed = true;
            LOG.fine(() -> "video: " + area + " is in motion");
        }
        if (changed) {
            publish(next);
        }
    }

    /** The snapped damage boxes of the 4-connected groups of hot tiles. */
    private List<Rect> hotBoxes(long now) {
        boolean[] seen = new boolean[cols * rows];
        int[] stack = new int[cols * rows];
        List<Rect> boxes = new ArrayList<>();
        for (int start = 0; start < seen.length; start++) {
            if (seen[start] || !hot(start, now)) {
                continue;
            }
            Rect b = new Rect(0, 0, 0, 0);
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int t = stack[--top];
                b = b.union(tileBox(t));
                int tx = t % cols;
                int ty = t / cols;
                int[] around = {tx > 0 ? t - 1 : -1, tx + 1 < cols ? t + 1 : -1, ty > 0 ? t - cols : -1,
                    ty + 1 < rows ? t + cols : -1};
                for (int n : around) {
                    if (n >= 0 && !seen[n] && hot(n, now)) {
                        seen[n] = true;
                        stack[top++] = n;
                    }
                }
            }
            boxes.add(snap(b));
        }
        return boxes;
    }

    /** Even edges (whole 4:2:0 chroma blocks), inside the screen. */
    private Rect snap(Rect r) {
        int x0 = r.x() & ~1;
        int y0 = r.y() & ~1;
        int x1 = Math.min(width, r.right() + 1 & ~1);
        int y1 = Math.min(height, r.bottom() + 1 & ~1);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    private static boolean containedIn(List<VideoArea> list, Rect r) {
        for (VideoArea a : list) {
            if (a.rect.contains(r)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyRested(long now) {
        for (VideoArea a : areas) {
            if (rests(a, now)) {
                return true;
            }
        }
        return false;
    }

    private List<VideoArea> stillActive(long now) {
        List<VideoArea> out = new ArrayList<>(areas.size());
        for (VideoArea a : areas) {
            if (!rests(a, now)) {
                out.add(a);
            } else {
                LOG.fine(() -> "video: " + a + " rests");
            }
        }
        return out;
    }

    /** Whether {@code a} ends: all of it rested {@link #REST_NANOS}, or a good part of it did. */
    private boolean rests(VideoArea a, long now) {
        if (!a.activeAt(now, REST_NANOS)) {
            return true;
        }
        if (now - a.born < REST_NANOS) {
            return false;
        }
        long enough = Math.max(MIN_PIXELS, a.rect.area() / 4);
        long resting = 0;
        Rect r = a.rect;
        int tx1 = Math.min(cols, (r.right() + TILE - 1) / TILE);
        int ty1 = Math.min(rows, (r.bottom() + TILE - 1) / TILE);
        for (int ty = r.y() / TILE; ty < ty1; ty++) {
            for (int tx = r.x() / TILE; tx < tx1; tx++) {
                if (now - lastHit[ty * cols + tx] > REST_NANOS) {
                    resting += new Rect(tx * TILE, ty * TILE, TILE, TILE).intersect(r).area();
                    if (resting >= enough) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void publish(List<VideoArea> list) {
        areas = List.copyOf(list);
        published = areas;
    }
}
