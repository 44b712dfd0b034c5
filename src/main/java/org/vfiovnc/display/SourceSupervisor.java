package org.vfiovnc.display;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.PixelLayout;

/**
 * Keeps one display's source open and says what the display shows. Every call into the source
 * goes through a {@link SourceWatchdog}; a source that fails or hangs is closed and reopened with
 * backoff, each distinct failure logged once. While there is no picture to show (the source has
 * none, changes its mode every frame, or failed) the listeners get a notice ({@link NoSignalFrame})
 * instead. Owns the display's {@link DisplayState} and tells the listeners of its changes.
 *
 * <p>The refresh loop's thread calls it; the watchdog's thread too, while the loop's is stuck in a call.
 */
final class SourceSupervisor {
    // The refresh loop's name: what the log has always called these lines.
    private static final Logger LOG = Logger.getLogger(RefreshLoop.class.getName());
    /** Consecutive frames each in a new mode after which the source counts as unstable. */
    static final int UNSTABLE_AFTER = 3;

    /** One look at the source: its picture (empty when it has none) and its pointer. */
    record Frame(Optional<DisplaySurface> surface, Optional<CursorState> cursor) {}

    /** What makes a frame diffable against the previous one (a record: no string built per tick). */
    private record Mode(int width, int height, PixelLayout layout, int stride) {
        // Field by field: runs every tick, where a record's generated equals showed up in profiles.
        boolean matches(DisplaySurface s) {
            return width == s.width() && height == s.height() && layout == s.layout() && stride == s.stride();
        }
    }

    private final DisplaySource source;
    private final long maxReopenMs;
    private final SourceWatchdog watchdog;
    private final ListenerFanOut listeners;
    private volatile DisplayState state = DisplayState.STARTING;
    private boolean sourceOpen;
    private long reopenAtNanos;
    private long reopenDelayMs;
    private String lastFailure;
    private Mode lastMode;
    private int modeChangesInARow;

    /** @param sourceTimeoutMs time a call into the source may take before it counts as hung */
    SourceSupervisor(DisplaySource source, long maxReopenMs, long sourceTimeoutMs, ListenerFanOut listeners) {
        this.source = source;
        this.maxReopenMs = maxReopenMs;
        this.listeners = listeners;
        this.watchdog = new SourceWatchdog(source.describe(), sourceTimeoutMs, this::sourceHung);
    }

    DisplayState state() {
        return state;
    }

    /** Opens the source on the caller's thread, unwatched: a bad device or file fails the start. */
    void open() throws IOException {
        source.open();
        sourceOpen = true;
    }

    /**
     * The source's next frame; null when there is none this tick: the source is closed until its
     * reopen time, or it failed just now (it is then closed and the notice shown).
     */
    Frame acquire() {
        if (!sourceOpen) {
            if (System.nanoTime() < reopenAtNanos) {
                return null;
            }
            try {
                watchdog.call("open", () -> {
                    source.open();
                    return null;
                });
                sourceOpen = true;
            } catch (Exception e) {
                fail(e);
                return null;
            }
        }
        Frame f;
        try {
            // On this thread, watched: ticks are 5 ms apart while a viewer waits.
            f = watchdog.call("acquire", () -> new Frame(source.acquire(), source.cursor()));
        } catch (Exception e) {
            fail(e);
            return null;
        }
        if (f.surface() == null) {
            fail(new IllegalStateException("acquire() returned null"));
            return null;
        }
        return f;
    }

    /** The source has no picture: shows the notice; true when that changed what the display shows. */
    boolean noPicture() {
        lastMode = null;
        return showNotice("NO SIGNAL", "the source has no picture", true);
    }

    /**
     * Whether the mode of {@code s} may be followed: false once the source changed its mode on
     * {@link #UNSTABLE_AFTER} frames in a row (following it would resize every viewer per frame).
     */
    boolean stable(DisplaySurface s) {
        boolean sameMode = lastMode != null && lastMode.matches(s);
        modeChangesInARow = sameMode ? 0 : modeChangesInARow + 1;
        if (!sameMode) {
            lastMode = new Mode(s.width(), s.height(), s.layout(), s.stride());
        }
        return modeChangesInARow < UNSTABLE_AFTER;
    }

    /** Holds a notice instead of an unstable picture; true when that changed what the display shows. */
    boolean showUnstable() {
        return showNotice("SOURCE UNSTABLE", "the picture changes size or format every frame", true);
    }

    /** The source's picture is shown again (in a new framebuffer the caller hands out next); its backoff is over. */
    void live(String detail) {
        setState(DisplayState.LIVE, detail, true);
        lastFailure = null;
        reopenDelayMs = 0;
    }

    /** @param log false when the caller already logged the cause (one line per event) */
    private boolean showNotice(String title, String detail, boolean log) {
        if (state == DisplayState.NO_SIGNAL || state == DisplayState.FAILED) {
            return false;
        }
        Framebuffer old = listeners.current();
        int w = old != null ? old.width() : 640;
        int h = old != null ? old.height() : 480;
        setState(title.equals("NO SIGNAL") ? DisplayState.NO_SIGNAL : DisplayState.FAILED, detail, log);
        listeners.replaced(NoSignalFrame.render(w, h, title, detail));
        return true;
    }

    /** The source failed: logs it (once per distinct message), closes it, schedules the reopen and shows the notice. */
    void fail(Throwable e) {
        String msg = e.getMessage() != null ? e.getMessage() : e.toString();
        if (!msg.equals(lastFailure)) {
            LOG.log(Level.WARNING, "source " + source.describe() + " failed: " + msg
                    + (sourceOpen ? "; reopening with backoff" : "; retrying with backoff"));
            if (!(e instanceof IOException)) {
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
        lastMode = null;
        modeChangesInARow = 0;
        reopenDelayMs = reopenDelayMs == 0 ? 500 : Math.min(reopenDelayMs * 2, maxReopenMs);
        reopenAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(reopenDelayMs);
        showNotice("SOURCE UNAVAILABLE", msg, false);
    }

    /**
     * A call into the source exceeded the time limit (on the watchdog's thread, while the loop's
     * thread is still inside the call): log it and show the notice now. When the call returns,
     * the loop closes the source and reopens it with backoff.
     */
    private void sourceHung(String message) {
        if (!message.equals(lastFailure)) {
            LOG.log(Level.WARNING, "source " + source.describe() + " failed: " + message + "; reopening with backoff");
            lastFailure = message;
        }
        showNotice("SOURCE UNAVAILABLE", message, false);
    }

    private void setState(DisplayState s, String detail, boolean log) {
        if (s != state) {
            if (log) {
                LOG.info("display " + source.describe() + ": " + state + " -> " + s + " (" + detail + ")");
            }
            state = s;
            listeners.stateChanged(s, detail);
        }
    }

    /** Closes the source and stops the watchdog; after the loop's thread has ended or given up on. */
    void close() {
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
