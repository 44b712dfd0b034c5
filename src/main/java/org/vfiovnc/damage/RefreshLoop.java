package org.vfiovnc.damage;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.DisplaySource.CursorState;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.Framebuffer;

/**
 * One per display: reads the source, diffs it once and hands the damage to every listener. Viewers
 * never slow it down: listeners only merge damage. Pacing follows demand: {@code tick} while the
 * screen changes, backing off geometrically while it does not, to {@code idleWaiting} when viewers
 * wait for updates and to {@code idleAlone} when nobody does. A source that fails is closed and
 * reopened with backoff, each distinct failure logged once.
 */
public final class RefreshLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RefreshLoop.class.getName());

    /** Pacing settings in milliseconds. */
    public record Pacing(long tickMs, long idleWaitingMs, long idleAloneMs, long maxReopenMs) {
        public static Pacing defaults() {
            return new Pacing(33, 100, 1000, 30_000);
        }
    }

    private final DisplaySource source;
    private final Pacing pacing;
    private final CopyOnWriteArrayList<DisplayListener> listeners = new CopyOnWriteArrayList<>();
    private final Object wakeLock = new Object();
    private final Thread thread;

    private volatile boolean running;
    private volatile Framebuffer current;
    private volatile CursorState cursor;
    private volatile DisplayState state = DisplayState.STARTING;
    private volatile long framesDiffed;
    private boolean woken;
    private TileDiffer differ;
    private boolean sourceOpen;
    private long reopenAtNanos;
    private long reopenDelayMs;
    private String lastFailure;

    public RefreshLoop(DisplaySource source, Pacing pacing) {
        this.source = Objects.requireNonNull(source);
        this.pacing = Objects.requireNonNull(pacing);
        this.thread = new Thread(this::run, "refresh-" + source.describe());
        this.thread.setDaemon(true);
    }

    public DisplaySource source() {
        return source;
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

    /** Registers a listener and returns the current framebuffer (null before the first frame). */
    public Framebuffer attach(DisplayListener l) {
        listeners.add(l);
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

    /** A viewer is waiting for an update: tick fast until the screen settles again. */
    public void wake() {
        synchronized (wakeLock) {
            woken = true;
            wakeLock.notifyAll();
        }
    }

    private void run() {
        long interval = pacing.tickMs();
        while (running) {
            boolean changed;
            try {
                changed = tick();
            } catch (RuntimeException | Error e) {
                // Includes InternalError from a mapping that went away under us.
                fail(e);
                changed = false;
            }
            if (changed) {
                interval = pacing.tickMs();
            } else {
                long cap = listeners.isEmpty() ? pacing.idleAloneMs() : pacing.idleWaitingMs();
                interval = Math.min(Math.max(pacing.tickMs(), interval * 3 / 2), Math.max(cap, pacing.tickMs()));
            }
            synchronized (wakeLock) {
                if (woken) {
                    woken = false;
                    interval = pacing.tickMs();
                }
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(interval);
                long left;
                while (running && !woken && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(wakeLock, left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** One read-diff-publish cycle; true when something changed. Package-private for tests. */
    boolean tick() {
        if (!sourceOpen) {
            if (System.nanoTime() < reopenAtNanos) {
                return false;
            }
            try {
                source.open();
                sourceOpen = true;
                reopenDelayMs = 0;
            } catch (Exception e) {
                fail(e);
                return false;
            }
        }
        Optional<DisplaySurface> surface;
        try {
            surface = source.acquire();
        } catch (Exception e) {
            fail(e);
            return false;
        }
        publishCursor();
        if (surface.isEmpty()) {
            return showNoSignal("NO SIGNAL", "the source has no picture");
        }
        DisplaySurface s = surface.get();
        framesDiffed++;
        if (differ == null || !differ.accepts(s) || state != DisplayState.LIVE) {
            differ = new TileDiffer(s.width(), s.height(), s.layout());
            differ.diff(s);
            setState(DisplayState.LIVE, s.toString());
            replace(differ.framebuffer());
            lastFailure = null;
            return true;
        }
        differ.setDetectMoves(anyListenerWantsMoves());
        Region damage = differ.diff(s);
        if (damage.isEmpty()) {
            return false;
        }
        java.util.List<Move> moves = differ.moves();
        for (DisplayListener l : listeners) {
            l.damaged(damage, moves);
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

    private void publishCursor() {
        Optional<CursorState> c = source.cursor();
        if (c.isPresent() && (cursor == null || cursor.serial() != c.get().serial())) {
            cursor = c.get();
            for (DisplayListener l : listeners) {
                l.cursorChanged(cursor);
            }
        }
    }

    private boolean showNoSignal(String title, String detail) {
        if (state == DisplayState.NO_SIGNAL || state == DisplayState.FAILED) {
            return false;
        }
        Framebuffer old = current;
        int w = old != null ? old.width() : 640;
        int h = old != null ? old.height() : 480;
        setState(title.equals("NO SIGNAL") ? DisplayState.NO_SIGNAL : DisplayState.FAILED, detail);
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
                source.close();
            } catch (RuntimeException ce) {
                LOG.log(Level.FINE, "closing failed source", ce);
            }
            sourceOpen = false;
        }
        differ = null;
        reopenDelayMs = reopenDelayMs == 0 ? 500 : Math.min(reopenDelayMs * 2, pacing.maxReopenMs());
        reopenAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(reopenDelayMs);
        showNoSignal("SOURCE UNAVAILABLE", msg);
    }

    private void setState(DisplayState s, String detail) {
        if (s != state) {
            LOG.info("display " + source.describe() + ": " + state + " -> " + s + " (" + detail + ")");
            state = s;
            for (DisplayListener l : listeners) {
                l.stateChanged(s, detail);
            }
        }
    }

    private void replace(Framebuffer fb) {
        current = fb;
        for (DisplayListener l : listeners) {
            l.framebufferReplaced(fb);
        }
    }

    /** Stops the loop and closes the source. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sourceOpen) {
            source.close();
            sourceOpen = false;
        }
    }
}
