package org.vfiovnc.rfb;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vfiovnc.damage.Move;
import org.vfiovnc.damage.Region;
import org.vfiovnc.surface.CursorImage;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * What changed on the screen since a viewer's last update: the damage, the moves it may copy, the
 * areas sent lossy that want a lossless refresh, a new pointer shape, and the framebuffer against
 * the size the viewer has. Not thread-safe: used under {@link UpdateState}'s lock.
 */
final class ScreenChanges {
    /** A lossy (JPEG) area unchanged this long is sent again lossless. */
    static final long LOSSLESS_REFRESH_MS = 400;
    /** At most this many pixels of lossless refresh go into one update: live changes come first. */
    static final long REFRESH_PIXELS_PER_UPDATE = 512 * 512;

    private final Region damage = new Region();
    /**
     * The rectangles of the update the sender took and is still encoding. It reads them from the
     * live framebuffer, which the refresh loop writes before it publishes (and before this viewer
     * hears of the frame), so they may reach the viewer with pixels of a later frame than their
     * damage. A move of that later frame must treat them as undelivered: copied, such pixels land
     * shifted a second time at the destination, and nothing would send them again.
     */
    private final Region inFlight = new Region();
    /** The last update's rectangles, after it was encoded: still possibly ahead for frames up to {@link #sentBefore}. */
    private final Region justSent = new Region();
    /** The publication the loop was writing, at most, while the last update was encoded (the count then, plus one). */
    private long sentBefore = Long.MIN_VALUE;
    private final PendingCopies copies = new PendingCopies();
    private final LossyAreas lossy = new LossyAreas(LOSSLESS_REFRESH_MS);
    /** Changed under the lock; volatile because pointer events read it without. */
    private volatile Framebuffer framebuffer;
    private int clientWidth;
    private int clientHeight;
    private CursorImage cursor = CursorImage.defaultArrow();
    private boolean cursorDue;

    /** The viewer starts with {@code fb}'s size and the pointer's shape, when the display knows it. */
    void start(Framebuffer fb, Optional<CursorState> pointer) {
        framebuffer = fb;
        clientWidth = fb.width();
        clientHeight = fb.height();
        pointer.ifPresent(p -> cursor = p.image());
    }

    /** The framebuffer now, or null before the first frame; may be read without the lock. */
    Framebuffer framebuffer() {
        return framebuffer;
    }

    int clientWidth() {
        return clientWidth;
    }

    int clientHeight() {
        return clientHeight;
    }

    /** {@code r} cut to the size the viewer has. */
    Rect clip(Rect r) {
        return r.intersect(new Rect(0, 0, clientWidth, clientHeight));
    }

    /** A new framebuffer: all of it is new. */
    void replaced(Framebuffer fb) {
        framebuffer = fb;
        damage.clear();
        damage.add(fb.bounds());
        copies.clear();
        lossy.clear();
    }

    void damaged(Region region) {
        damage.add(region);
        lossy.damaged(region, System.nanoTime());
    }

    /**
     * Damage with the moves that explain part of it, when no other frame's moves wait: the moves
     * become copies (see {@link PendingCopies#accept}). Returns false, taking nothing, when some wait.
     * {@code publication}: the frame's count (the loop's publications while it tells of the frame).
     */
    boolean damagedWithMoves(List<Move> moves, Region afterMoves, long publication) {
        if (!copies.isEmpty()) {
            return false;
        }
        Region undelivered = damage.copy();
        undelivered.add(inFlight);
        if (publication <= sentBefore) {
            undelivered.add(justSent);
        }
        damaged(copies.accept(moves, afterMoves, undelivered, lossy));
        return true;
    }

    /** The viewer needs {@code r} again (a full FramebufferUpdateRequest). */
    void sendAgain(Rect r) {
        damage.add(r);
    }

    /** The viewer needs every pixel again (its pixel format changed). */
    void sendAllAgain() {
        if (framebuffer != null) {
            damage.add(framebuffer.bounds());
        }
    }

    boolean nothingDamaged() {
        return damage.isEmpty();
    }

    void cursorChanged(CursorImage shape) {
        cursor = shape;
        cursorDue = true;
    }

    /** Whether the pointer shape is to be sent (again) with the next update. */
    void setCursorDue(boolean due) {
        cursorDue = due;
    }

    /** Whether an update of {@code area} has anything to carry; {@code cursorWanted}: the viewer takes pointer shapes. */
    boolean due(Rect area, boolean cursorWanted) {
        if (sizeChanged() || (cursorDue && cursorWanted)) {
            return true;
        }
        for (Rect r : damage.rects()) {
            if (r.intersects(area)) {
                return true;
            }
        }
        return lossy.dueIn(area, System.nanoTime());
    }

    /** How long until a lossless refresh falls due, for the sender's wait. */
    long nanosUntilRefresh() {
        return lossy.nanosUntilDue(System.nanoTime());
    }

    boolean sizeChanged() {
        return framebuffer.width() != clientWidth || framebuffer.height() != clientHeight;
    }

    /** The viewer takes the framebuffer's new size: all of it is new. Returns the new bounds. */
    Rect resize() {
        clientWidth = framebuffer.width();
        clientHeight = framebuffer.height();
        Rect all = framebuffer.bounds();
        damage.clear();
        damage.add(all);
        copies.clear();
        lossy.clear();
        return all;
    }

    /** The copies for an update of {@code area} (see {@link PendingCopies#take}). */
    List<Move> takeMoves(Rect area, boolean copyRect) {
        return copies.take(area, copyRect, damage);
    }

    /** The damaged rectangles inside {@code area}, no longer pending. */
    List<Rect> takeDamage(Rect area) {
        Region due = damage.copy();
        due.intersect(area);
        List<Rect> rects = new ArrayList<>(due.rects());
        damage.subtract(area);
        rects.forEach(inFlight::add);
        return rects;
    }

    /** The rectangles inside {@code area} sent lossy and still long enough to be sent again lossless. */
    List<Rect> takeRefresh(Rect area) {
        List<Rect> rects = lossy.take(area, System.nanoTime(), REFRESH_PIXELS_PER_UPDATE);
        rects.forEach(inFlight::add);
        return rects;
    }

    /** The pointer shape to send, or null; {@code wanted}: the viewer takes pointer shapes. */
    CursorImage takeCursor(boolean wanted) {
        CursorImage c = cursorDue && wanted ? cursor : null;
        cursorDue = false;
        return c;
    }

    /**
     * An update went out: its rectangles are exact at the viewer now, except {@code lossyRects},
     * which get a lossless refresh once they rest. Its pixels have all been read, while the loop
     * had published {@code publication} frames: the one it may have been writing meanwhile is the next.
     */
    void sent(List<Rect> rects, List<Rect> lossyRects, long publication) {
        justSent.clear();
        justSent.add(inFlight);
        inFlight.clear();
        sentBefore = publication + 1;
        lossy.sentLossless(rects);
        lossy.sentLossy(lossyRects, System.nanoTime());
    }
}
