package org.vfiovnc.rfb;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.vfiovnc.damage.Move;
import org.vfiovnc.damage.Region;
import org.vfiovnc.display.DisplayListener;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.protocol.ProtocolException;
import org.vfiovnc.rfb.video.VideoUpdate;
import org.vfiovnc.rfb.video.ViewerVideo;
import org.vfiovnc.surface.CursorImage;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Everything one viewer is owed, under one lock: what changed on the screen ({@link ScreenChanges}),
 * the area it wants ({@link WantedArea}), its pixel format ({@link ViewerFormat}) and encodings
 * ({@link ClientEncodings}), the other replies it is owed ({@link PendingReplies}), a SetDesktopSize
 * waiting for the guest ({@link PendingResize}), and whether the session is closed. Three threads
 * meet here: the refresh loop merges into it (this is the session's {@link DisplayListener}: merge
 * and signal only), the reader thread changes it for the viewer's messages ({@link ClientRequests},
 * under {@link #lock()}), and the sender, in turns on the server's {@link SenderPool}, takes what is
 * due ({@link #beginTurn()}) to encode and write outside the lock. While the viewer is slow its
 * damage merges into one region (bounded), so it costs the loop and other viewers nothing.
 */
final class UpdateState implements DisplayListener {

    /** One turn of the sender: what it took under the lock, to encode and write outside it. */
    record Outgoing(List<byte[]> messages, int[][] colourMap, PixelTranslator pixels, PendingUpdate update,
                    long publication, byte[] fenceAfter) {}

    private final DisplayFeed display;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private final ScreenChanges screen = new ScreenChanges();
    private final WantedArea wanted = new WantedArea();
    private final ViewerFormat format = new ViewerFormat();
    private final ClientEncodings encodings = new ClientEncodings();
    private final PendingReplies replies = new PendingReplies();
    private final PendingResize pendingResize = new PendingResize();
    private final ViewerVideo video;
    private boolean closed;
    private String closeReason;
    /** Null until the session is admitted and its sender starts. */
    private SenderTurns turns;
    private boolean encodingsClosed;
    /** The viewer takes CopyRect; asked by the loop without the lock. */
    private volatile boolean wantsCopies;

    UpdateState(DisplayFeed display, ViewerVideo video) {
        this.display = display;
        this.video = video;
    }

    /** The viewer starts at {@code fb}'s size, with the display's pointer shape. */
    void start(Framebuffer fb) {
        lock.lock();
        try {
            screen.start(fb, display.cursor());
        } finally {
            lock.unlock();
        }
    }

    // ---- refresh loop events (loop thread: merge and signal only) ----

    @Override
    public void framebufferReplaced(Framebuffer fb) {
        lock.lock();
        try {
            screen.replaced(fb);
            wanted.screenIs(fb.bounds());
            wakeSender();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean wantsMoves() {
        return wantsCopies;
    }

    /**
     * Damage with the moves the differ found. The moves become CopyRects, in order, when the
     * viewer takes them and its copies will be right (see {@link PendingCopies#accept}). While one
     * frame's moves wait to be sent, another frame's are sent as pixels.
     */
    @Override
    public void damaged(Region region, List<Move> moves, Region afterMoves) {
        lock.lock();
        try {
            // The loop steps its count before it tells the listeners: the count now is this frame's.
            if (!moves.isEmpty() && encodings.copyRect() && screen.damagedWithMoves(moves, afterMoves, display.publications())) {
                wakeSender();
            } else {
                damaged(region);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void damaged(Region region) {
        lock.lock();
        try {
            screen.damaged(region);
            if (wanted.waiting()) {
                wakeSender();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cursorChanged(CursorState c) {
        lock.lock();
        try {
            screen.cursorChanged(c.image());
            wakeSender();
        } finally {
            lock.unlock();
        }
    }

    /** The keyboard LEDs changed (the input sink's thread). */
    void ledsChanged(int leds) {
        lock.lock();
        try {
            replies.ledState(encodings, leds);
            wakeSender();
        } finally {
            lock.unlock();
        }
    }

    /** Queues a whole message (clipboard) for the sender; false when {@code maxBytes} of them wait unread. */
    boolean queueMessage(byte[] m, long maxBytes) {
        lock.lock();
        try {
            if (!replies.message(m, maxBytes)) {
                return false;
            }
            wakeSender();
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---- for ClientRequests (reader thread): the parts it changes, under lock() ----

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** Whatever changed may make an update due: the sender looks again. Caller holds the lock. */
    void wakeSender() {
        if (turns != null) {
            turns.wake();
        }
    }

    ScreenChanges screen() {
        return screen;
    }

    WantedArea wanted() {
        return wanted;
    }

    ViewerFormat format() {
        return format;
    }

    ClientEncodings encodings() {
        return encodings;
    }

    PendingReplies replies() {
        return replies;
    }

    PendingResize pendingResize() {
        return pendingResize;
    }

    /** Whether the loop should report moves; follows the encodings' CopyRect. Caller holds the lock. */
    void takesCopies(boolean on) {
        wantsCopies = on;
    }

    // ---- the sender's turns ----

    /** The sender runs in turns on {@code pool} from now on; the first looks at once. */
    void startTurns(SenderPool pool, Runnable turn) {
        lock.lock();
        try {
            turns = new SenderTurns(pool, turn, this::timedWake);
            if (!closed) {
                turns.wake();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A turn begins: takes what is due, or returns null and the turn ends (also once closed). */
    Outgoing beginTurn() throws ProtocolException {
        lock.lock();
        try {
            if (closed || !due()) {
                endTurnLocked();
                return null;
            }
            int[][] colourMap = format.takeColourMap();
            List<byte[]> messages = replies.takeMessages();
            // Read under the lock with the damage: what may share this update's encoding (SharedUpdates).
            long publication = display.publications();
            PendingUpdate update = takeUpdate();
            byte[] fenceAfter = update != null ? replies.takeSyncFence() : null;
            return new Outgoing(messages, colourMap, format.translator(), update, publication, fenceAfter);
        } finally {
            lock.unlock();
        }
    }

    /** The turn is over (also when it failed and closed the session): the next follows at once when more is due. */
    void endTurn() {
        lock.lock();
        try {
            if (!closed && due()) {
                turns.again();
            } else {
                endTurnLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    private void endTurnLocked() {
        if (closed) {
            turns.end(Long.MAX_VALUE);
            closeEncodingsOnce();
            return;
        }
        turns.end(nanosUntilDueByTime());
    }

    /** The viewer asked and nothing is due yet: the sender wakes when a refresh falls due. Caller holds the lock. */
    void wakeSenderWhenDue() {
        if (turns != null && !closed) {
            turns.wakeIn(nanosUntilDueByTime());
        }
    }

    /** Until a lossless refresh falls due for a viewer that waits (a later request asks again), or a resize's answer. */
    private long nanosUntilDueByTime() {
        long refresh = wanted.area() != null ? screen.nanosUntilRefresh() : Long.MAX_VALUE;
        return Math.min(refresh, pendingResize.nanosUntilOverdue(System.nanoTime()));
    }

    private void timedWake() {
        lock.lock();
        try {
            if (!closed) {
                turns.woken();
            }
        } finally {
            lock.unlock();
        }
    }

    /** An update went out with {@code lossyRects} among its rectangles (see {@link ScreenChanges#sent}). */
    void sent(PendingUpdate update, List<Rect> lossyRects) {
        lock.lock();
        try {
            screen.sent(update.rects(), lossyRects, display.publications());
        } finally {
            lock.unlock();
        }
    }

    /** Releases the encoders' native state, once nothing encodes any more. Caller holds the lock. */
    private void closeEncodingsOnce() {
        if (!encodingsClosed) {
            encodingsClosed = true;
            encodings.close();
        }
    }

    /** Whether the sender has something to send now. Caller holds the lock. */
    boolean due() {
        if (format.colourMapDue() || replies.hasMessages()) {
            return true;
        }
        // A SetDesktopSize the guest has not followed in time is answered now (the sender's wait ends
        // by then).
        pendingResize.answerIfOverdue(System.nanoTime(), replies, screen.clientWidth(), screen.clientHeight());
        if (replies.hasSyncFence() && wanted.area() == null) {
            replies.releaseSyncFence();
            return true;
        }
        Rect area = wanted.area();
        if (area == null || screen.framebuffer() == null) {
            return false;
        }
        return replies.hasPseudo() || screen.due(area, encodings.cursor());
    }

    /** Takes the due part of the state for one update, or null when nothing is due. Caller holds the lock. */
    private PendingUpdate takeUpdate() throws ProtocolException {
        Rect area = wanted.area();
        Framebuffer fb = screen.framebuffer();
        if (area == null || fb == null) {
            return null;
        }
        boolean resize = screen.sizeChanged();
        boolean answersRequest = false;
        if (resize) {
            if (!encodings.desktopSize() && !encodings.extendedDesktopSize()) {
                throw new ProtocolException("the screen changed size to " + fb.width() + "x" + fb.height()
                        + " and this viewer cannot follow (no DesktopSize support)");
            }
            area = screen.resize();
            wanted.screenIs(area);
            // (A viewer that dropped ExtendedDesktopSize meanwhile gets the plain change.)
            answersRequest = pendingResize.answeredByResize() && encodings.extendedDesktopSize();
            video.screenResized();
        }
        List<Move> moves = screen.takeMoves(area, encodings.copyRect());
        List<Rect> rects = screen.takeDamage(area);
        List<Rect> refresh = screen.takeRefresh(area);
        // Damage in an area in motion goes as a frame of the whole area; its refresh waits until it rests.
        VideoUpdate v = video.plan(encodings.h264(), format.translator().format(), encodings.jpegQuality(), area, rects);
        rects = v.outside(rects);
        refresh = v.outside(refresh);
        CursorImage c = screen.takeCursor(encodings.cursor());
        List<PseudoRect> extra = replies.takePseudo();
        if (answersRequest) {
            // The new size is the answer to this viewer's SetDesktopSize: it goes as that (reason 1,
            // status 0) instead of as a plain change of size.
            extra.add(PseudoRect.extendedDesktopSize(1, 0, fb.width(), fb.height()));
        }
        if (!resize && moves.isEmpty() && rects.isEmpty() && refresh.isEmpty() && v.isEmpty() && c == null
                && extra.isEmpty()) {
            return null; // nothing after all: the request stays pending
        }
        wanted.answered();
        return new PendingUpdate(fb, resize && !answersRequest, c, encodings.cursorWithAlpha(), extra, moves, rects,
                refresh, encodings.pixelEncoder(), encodings.extendedDesktopSize(), encodings.lastRect(), v);
    }

    // ---- the session's end (any thread) ----

    /** Marks the session closed and wakes the sender; false when it was closed before. */
    boolean close(String reason) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            closeReason = reason;
            // A turn queued or running releases the encoders when it ends.
            if (turns == null || turns.idle()) {
                closeEncodingsOnce();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Why the session ended, or null while it runs. */
    String closeReason() {
        return closeReason;
    }
}
