package org.vfiovnc.rfb;

import java.util.concurrent.TimeUnit;

/**
 * When one viewer's sender runs on the {@link SenderPool}: at most one turn queued or running at a
 * time, so its messages go out in order and its encoders are used by one thread at a time; and a
 * timed wake-up when something falls due by time alone (a lossless refresh, an unanswered resize).
 * Guarded by the session's lock ({@link UpdateState}).
 */
final class SenderTurns {
    /** The shortest timed wait, as the sender thread had. */
    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SenderPool pool;
    private final Runnable turn;
    private final Runnable timedWake;
    /** A turn is queued or running. */
    private boolean queued;
    /** When the timed wake-up asked for last is due ({@link System#nanoTime()}); 0 for none. */
    private long wakeAt;

    SenderTurns(SenderPool pool, Runnable turn, Runnable timedWake) {
        this.pool = pool;
        this.turn = turn;
        this.timedWake = timedWake;
    }

    /** Something may be due: a turn unless one is queued or running (that one looks again at its end). */
    void wake() {
        if (!queued) {
            queued = true;
            pool.execute(turn);
        }
    }

    /** The running turn sent something and more is due: the next one at once. */
    void again() {
        pool.execute(turn);
    }

    /**
     * The running turn ends with nothing due; something falls due by time in {@code nanos}
     * (Long.MAX_VALUE: nothing does, every other change wakes the sender).
     */
    void end(long nanos) {
        queued = false;
        wakeIn(nanos);
    }

    /**
     * A wake-up in {@code nanos} (Long.MAX_VALUE: none), unless an earlier one is asked for already;
     * a later one finds nothing due and asks again.
     */
    void wakeIn(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return;
        }
        long now = System.nanoTime();
        long at = now + Math.max(MIN_WAIT_NANOS, nanos);
        if (wakeAt == 0 || at - wakeAt < 0) {
            wakeAt = at;
            pool.schedule(timedWake, at - now);
        }
    }

    /** The timed wake-up came. */
    void woken() {
        wakeAt = 0;
        wake();
    }

    /** No turn is queued or running. */
    boolean idle() {
        return !queued;
    }
}
