package org.vfiovnc.display;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vfiovnc.damage.Move;
import org.vfiovnc.damage.Region;
import org.vfiovnc.damage.SampledScan;
import org.vfiovnc.damage.TileDiffer;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.Framebuffer;

/**
 * One per display: reads the source, diffs it once and hands the damage to every listener. Viewers
 * never slow it down: listeners only merge damage. Pacing follows demand: {@code fastTick} while a
 * viewer waits for an update and the screen changed within the last {@link #BUSY_NANOS}, else
 * {@code tick} while the screen changes, backing off geometrically while it does not, to
 * {@code idleWaiting} when viewers wait for updates; while no listener {@linkplain DisplayListener#watches()
 * watches}, every {@code idleAlone}, busy or not, each a full compare. While
 * the screen is busy each tick is a {@link SampledScan} (a fraction of the rows, then the exact
 * compare of the tiles they flag), so fast ticks stay cheap; once it settles, ticks compare the
 * whole frame again. A source that fails is closed and reopened with backoff, each distinct
 * failure logged once.
 */
public final class RefreshLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RefreshLoop.class.getName());

    /**
     * Pacing settings in milliseconds; {@code fastTickMs} is the tick while a viewer waits and the
     * screen is busy (change-to-viewer latency is about half of it); after {@code quietMs} without
     * a change or input the screen is quiet and most ticks compare only sampled rows.
     */
    public record Pacing(long tickMs, long idleWaitingMs, long idleAloneMs, long maxReopenMs, long fastTickMs, long quietMs) {
        public Pacing {
            if (tickMs < 1 || fastTickMs < 1 || idleWaitingMs < 0 || idleAloneMs < 0 || maxReopenMs < 0 || quietMs < 0) {
                throw new IllegalArgumentException("pacing " + tickMs + "/" + idleWaitingMs + "/" + idleAloneMs
                        + "/" + maxReopenMs + "/" + fastTickMs + "/" + quietMs + " ms");
            }
        }

        /**
         * The fast tick defaults to the smaller of {@code tickMs} and {@link #DEFAULT_FAST_TICK_MS},
         * the quiet time to {@link #DEFAULT_QUIET_MS}.
         */
        public Pacing(long tickMs, long idleWaitingMs, long idleAloneMs, long maxReopenMs) {
            this(tickMs, idleWaitingMs, idleAloneMs, maxReopenMs, Math.max(1, Math.min(tickMs, DEFAULT_FAST_TICK_MS)),
                    DEFAULT_QUIET_MS);
        }

        public static Pacing defaults() {
            return new Pacing(33, 100, 1000, 30_000);
        }

        /** The same with another quiet time. */
        public Pacing withQuietMs(long ms) {
            return new Pacing(tickMs, idleWaitingMs, idleAloneMs, maxReopenMs, fastTickMs, ms);
        }
    }

    /** Fast tick by default: a sampled tick of a 1080p frame costs about a tenth of a millisecond. */
    public static final long DEFAULT_FAST_TICK_MS = 5;
    /** The screen counts as busy this long after its last change: ticks are sampled, and fast while a viewer waits. */
    static final long BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * After this long without a change or input the screen counts as quiet: of every
     * {@link #QUIET_FULL_EVERY} ticks one is a full compare, the others a
     * {@link SampledScan#quietDiff} (a fifth of the cost).
     */
    public static final long DEFAULT_QUIET_MS = 2000;
    static final int QUIET_FULL_EVERY = 4;

    /** What makes a frame diffable against the previous one (a record: no string built per tick). */
    private record Mode(int width, int height, org.vfiovnc.surface.PixelLayout layout, int stride) {
        // Field by field: runs every tick, where a record's generated equals showed up in profiles.
        boolean matches(DisplaySurface s) {
            return width == s.width() && height == s.height() && layout == s.layout() && stride == s.stride();
        }
    }

    private record Frame(Optional<DisplaySurface> surface, Optional<CursorState> cursor) {}

    /** A source call that takes longer than this is treated as a hung device. */
    public static final long DEFAULT_SOURCE_TIMEOUT_MS = 5000;
    /** Consecutive frames each in a new mode after which the source counts as unstable. */
    static final int UNSTABLE_AFTER = 3;

    private final DisplaySource source;
    private final Pacing pacing;
    private final SourceWatchdog watchdog;
    private final CopyOnWriteArrayList<DisplayListener> listeners = new CopyOnWriteArrayList<>();
    private final Object wakeLock = new Object();
    private final Thread thread;

    private volatile boolean running;
    private volatile Framebuffer current;
    private volatile CursorState cursor;
    private volatile DisplayState state = DisplayState.STARTING;
    private volatile long framesDiffed;
    private volatile long publications;
    private boolean woken;
    /** Guarded by wakeLock: the end of the wait in progress (0 while none is), and the soonest a wake can move it to. */
    private long waitingUntil;
    private long earliestWake;
    private final long quietNanos;
    private volatile long lastInputNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private int quietTicks;
    /** A watcher attached since the last tick: the next one compares the whole frame. */
    private final AtomicBoolean compareInFull = new AtomicBoolean();
    /** A viewer asked for an update since damage was last published. Guarded by wakeLock. */
    private boolean viewerWaiting;
    private long lastChangeNanos = System.nanoTime() - BUSY_NANOS;
    private TileDiffer differ;
    private SampledScan scan;
    private boolean sourceOpen;
    private long reopenAtNanos;
    private long reopenDelayMs;
    private String lastFailure;
    private Mode lastMode;
    private int modeChangesInARow;
    /** Milliseconds to the next tick (grows while nothing changes). Only the loop's thread uses it. */
    private long interval;

    public RefreshLoop(DisplaySource source, Pacing pacing) {
        this(source, pacing, DEFAULT_SOURCE_TIMEOUT_MS);
    }

    /** @param sourceTimeoutMs time a call into the source may take before it counts as hung */
    public RefreshLoop(DisplaySource source, Pacing pacing, long sourceTimeoutMs) {
        this.source = Objects.requireNonNull(source);
        this.pacing = Objects.requireNonNull(pacing);
        this.quietNanos = TimeUnit.MILLISECONDS.toNanos(pacing.quietMs());
        this.watchdog = new SourceWatchdog(source.describe(), sourceTimeoutMs, this::sourceHung);
        this.thread = new Thread(this::run, "refresh-" + source.describe());
        this.thread.setDaemon(true);
    }

    public DisplaySource source() {
        return source;
    }

    /** Whether a viewer's SetDesktopSize can change the size (the source can resize its guest). */
    public boolean canResize() {
        return source.canResize();
    }

    /**
     * Opens the source on the caller's thread, so that a bad device or file fails the start with a
     * clear message, reads the first frame and starts ticking. Later failures are retried.
     */
    public void start() throws java.io.IOException {
        source.open();
        sourceOpen = true;
        try {
            tick();
        } catch (RuntimeException | Error e) {
            fail(e);
        }
        running = true;
        thread.start();
    }

    /**
     * Registers a listener and returns the current framebuffer (null before the first frame). A
     * watching listener brings a tick at once, a full compare: while nobody watched, the loop
     * looked only at its idle pace, so the framebuffer may be that old.
     */
    public Framebuffer attach(DisplayListener l) {
        listeners.add(l);
        if (l.watches()) {
            compareInFull.set(true);
            synchronized (wakeLock) {
                woken = true;
                wakeLock.notifyAll();
            }
        }
        return current;
    }

    public void detach(DisplayListener l) {
        listeners.remove(l);
    }

    public Framebuffer current() {
        return current;
    }

    public Optional<CursorState> cursor() {
        return Optional.ofNullable(cursor);
    }

    public DisplayState state() {
        return state;
    }

    public long framesDiffed() {
        return framesDiffed;
    }

    /**
     * Counts changes of the framebuffer's pixels handed to listeners (damage or a new framebuffer).
     * It steps after the pixels are written and before any listener hears of them, so two viewers
     * that take the same damage while it reads the same value can be sent the same encoding.
     */
    public long publications() {
        return publications;
    }

    /** A viewer is waiting for an update: tick now, and fast while the screen is busy. */
    public void wake() {
        synchronized (wakeLock) {
            woken = true;
            viewerWaiting = true;
            // A wait that ends no later than a wake could bring it forward ends on its own; the
            // loop sees the flag then. Most requests come while the loop ticks fast, and every
            // viewer sends one per update: 32 viewers woke the loop 32 times per update for nothing.
            if (waitingUntil > earliestWake) {
                wakeLock.notifyAll();
            }
        }
    }

    /**
     * A viewer sent input: tick now, and compare in full for a while, so that what the input
     * changes (a typed character is fewer rows tall than a quiet tick's sampled rows are apart)
     * is seen on the first tick after it appears.
     */
    public void wakeForInput() {
        lastInputNanos = System.nanoTime();
        wake();
    }

    private boolean watched() {
        for (DisplayListener l : listeners) {
            if (l.watches()) {
                return true;
            }
        }
        return false;
    }

    private boolean busy() {
        return System.nanoTime() - lastChangeNanos < BUSY_NANOS;
    }

    private void run() {
        interval = pacing.tickMs();
        while (running && tickThenWait()) {
            // Each round is its own call: a loop that stays in one method invocation runs in the
            // interpreter until on-stack replacement compiles it, which took minutes at 200 ticks a second.
        }
    }

    /** One tick and the wait for the next; false when the thread was interrupted. */
    private boolean tickThenWait() {
        boolean changed;
        try {
            changed = tick();
        } catch (RuntimeException | Error e) {
            // Includes InternalError from a mapping that went away under us.
            fail(e);
            changed = false;
        }
        long fastTick = Math.min(pacing.fastTickMs(), pacing.tickMs());
        boolean fast;
        synchronized (wakeLock) {
            if (changed) {
                // The listeners have the damage: whoever waited is served.
                viewerWaiting = false;
            }
            fast = viewerWaiting && busy();
        }
        if (fast) {
            interval = fastTick;
        } else if (!watched()) {
            // Nobody would see what a tick finds: a busy screen with no viewer cost 5 % of a core
            // at the normal tick (e2e desktop). A slow look still notices a vanished device.
            interval = Math.max(pacing.idleAloneMs(), pacing.tickMs());
        } else if (changed) {
            interval = pacing.tickMs();
        } else {
            interval = Math.min(Math.max(pacing.tickMs(), interval * 3 / 2), Math.max(pacing.idleWaitingMs(), pacing.tickMs()));
        }
        long tickEnd = System.nanoTime();
        long deadline = tickEnd + TimeUnit.MILLISECONDS.toNanos(interval);
        synchronized (wakeLock) {
            earliestWake = tickEnd + TimeUnit.MILLISECONDS.toNanos(fastTick);
            while (running) {
                if (woken) {
                    woken = false;
                    interval = busy() ? fastTick : pacing.tickMs();
                    // Not at once when the last tick is less than a fast tick ago: a viewer asks
                    // again right after each update, and a look a moment after the last one mostly
                    // finds nothing (a fifth of all ticks end to end); the screen is still looked at
                    // every fast tick.
                    deadline = Math.min(deadline, earliestWake);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                waitingUntil = deadline;
                try {
                    TimeUnit.NANOSECONDS.timedWait(wakeLock, left);
                } catch (InterruptedException e) {
                    return false;
                } finally {
                    waitingUntil = 0;
                }
            }
        }
        return true;
    }

    /** One read-diff-publish cycle; true when something changed. Package-private for tests. */
    boolean tick() {
        if (!sourceOpen) {
            if (System.nanoTime() < reopenAtNanos) {
                return false;
            }
            try {
                watchdog.call("open", () -> {
                    source.open();
                    return null;
                });
                sourceOpen = true;
            } catch (Exception e) {
                fail(e);
                return false;
            }
        }
        Optional<DisplaySurface> surface;
        Optional<CursorState> c;
        try {
            // On this thread, watched: ticks are 5 ms apart while a viewer waits.
            Frame f = watchdog.call("acquire", () -> new Frame(source.acquire(), source.cursor()));
            surface = f.surface();
            c = f.cursor();
        } catch (Exception e) {
            fail(e);
            return false;
        }
        if (surface == null) {
            fail(new IllegalStateException("acquire() returned null"));
            return false;
        }
        publishCursor(c);
        if (surface.isEmpty()) {
            lastMode = null;
            return showNoSignal("NO SIGNAL", "the source has no picture");
        }
        DisplaySurface s = surface.get();
        framesDiffed++;
        boolean sameMode = lastMode != null && lastMode.matches(s);
        modeChangesInARow = sameMode ? 0 : modeChangesInARow + 1;
        if (!sameMode) {
            lastMode = new Mode(s.width(), s.height(), s.layout(), s.stride());
        }
        if (modeChangesInARow >= UNSTABLE_AFTER) {
            // Following a mode change per frame would resize every viewer per frame: hold a notice instead.
            return showNoSignal("SOURCE UNSTABLE", "the picture changes size or format every frame");
        }
        if (differ == null || !differ.accepts(s) || state != DisplayState.LIVE) {
            differ = new TileDiffer(s.width(), s.height(), s.layout());
            scan = new SampledScan(differ);
            differ.diff(s);
            lastChangeNanos = System.nanoTime();
            setState(DisplayState.LIVE, s.toString());
            replace(differ.framebuffer());
            lastFailure = null;
            reopenDelayMs = 0;
            return true;
        }
        differ.setDetectMoves(anyListenerWantsMoves());
        Region damage;
        long now = System.nanoTime();
        // Taken before the compare starts: a listener attached later brings the next tick in full.
        if (compareInFull.getAndSet(false) || !watched()) {
            // A new viewer needs the exact screen now, and the sampled scan's rotation assumes
            // ticks milliseconds apart, not one a second.
            damage = scan.diff(s, false);
        } else if (busy()) {
            damage = scan.diff(s, true);
        } else if (now - lastChangeNanos > quietNanos && now - lastInputNanos > quietNanos
                && ++quietTicks % QUIET_FULL_EVERY != 0) {
            damage = scan.quietDiff(s);
        } else {
            damage = scan.diff(s, false);
        }
        if (damage.isEmpty()) {
            return false;
        }
        lastChangeNanos = System.nanoTime();
        java.util.List<Move> moves = differ.moves();
        Region afterMoves = moves.isEmpty() ? damage : differ.residual();
        publications++;
        for (DisplayListener l : listeners) {
            l.damaged(damage, moves, afterMoves);
        }
        return true;
    }

    private boolean anyListenerWantsMoves() {
        for (DisplayListener l : listeners) {
            if (l.wantsMoves()) {
                return true;
            }
        }
        return false;
    }

    private void publishCursor(Optional<CursorState> c) {
        if (c != null && c.isPresent() && (cursor == null || cursor.serial() != c.get().serial())) {
            cursor = c.get();
            for (DisplayListener l : listeners) {
                l.cursorChanged(cursor);
            }
        }
    }

    private boolean showNoSignal(String title, String detail) {
        return showNoSignal(title, detail, true);
    }

    /** @param log false when the caller already logged the cause (one line per event) */
    private boolean showNoSignal(String title, String detail, boolean log) {
        if (state == DisplayState.NO_SIGNAL || state == DisplayState.FAILED) {
            return false;
        }
        Framebuffer old = current;
        int w = old != null ? old.width() : 640;
        int h = old != null ? old.height() : 480;
        setState(title.equals("NO SIGNAL") ? DisplayState.NO_SIGNAL : DisplayState.FAILED, detail, log);
        replace(NoSignalFrame.render(w, h, title, detail));
        return true;
    }

    private void fail(Throwable e) {
        String msg = e.getMessage() != null ? e.getMessage() : e.toString();
        if (!msg.equals(lastFailure)) {
            LOG.log(Level.WARNING, "source " + source.describe() + " failed: " + msg
                    + (sourceOpen ? "; reopening with backoff" : "; retrying with backoff"));
            if (!(e instanceof java.io.IOException)) {
                LOG.log(Level.FINE, "source failure detail", e);
            }
            lastFailure = msg;
        }
        if (sourceOpen) {
            try {
                watchdog.call("close", () -> {
                    source.close();
                    return null;
                });
            } catch (Exception | Error ce) {
                LOG.log(Level.FINE, "closing failed source", ce);
            }
        }
        sourceOpen = false;
        differ = null;
        scan = null;
        lastMode = null;
        modeChangesInARow = 0;
        reopenDelayMs = reopenDelayMs == 0 ? 500 : Math.min(reopenDelayMs * 2, pacing.maxReopenMs());
        reopenAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(reopenDelayMs);
        showNoSignal("SOURCE UNAVAILABLE", msg, false);
    }

    /**
     * A call into the source exceeded the time limit (on the watchdog's thread, while this loop's
     * thread is still inside the call): log it and show the notice now. When the call returns,
     * the loop closes the source and reopens it with backoff.
     */
    private void sourceHung(String message) {
        if (!message.equals(lastFailure)) {
            LOG.log(Level.WARNING, "source " + source.describe() + " failed: " + message + "; reopening with backoff");
            lastFailure = message;
        }
        showNoSignal("SOURCE UNAVAILABLE", message, false);
    }

    private void setState(DisplayState s, String detail) {
        setState(s, detail, true);
    }

    private void setState(DisplayState s, String detail, boolean log) {
        if (s != state) {
            if (log) {
                LOG.info("display " + source.describe() + ": " + state + " -> " + s + " (" + detail + ")");
            }
            state = s;
            for (DisplayListener l : listeners) {
                l.stateChanged(s, detail);
            }
        }
    }

    private void replace(Framebuffer fb) {
        current = fb;
        publications++;
        for (DisplayListener l : listeners) {
            l.framebufferReplaced(fb);
        }
    }

    /** Stops the loop and closes the source. */
    @Override
    public void close() {
        running = false;
        synchronized (wakeLock) {
            wakeLock.notifyAll();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sourceOpen) {
            // Directly: the source allows close concurrently with a call that may still be stuck.
            try {
                source.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing source", e);
            }
            sourceOpen = false;
        }
        watchdog.shutdown();
    }
}
