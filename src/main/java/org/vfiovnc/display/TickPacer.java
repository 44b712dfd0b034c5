package org.vfiovnc.display;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.vfiovnc.damage.SampledScan;

/**
 * When the refresh loop looks at the source next, and how closely. Follows demand: the fast tick
 * while a viewer waits for an update and the screen changed within the last {@link #BUSY_NANOS},
 * else the tick while the screen changes, backing off geometrically while it does not, to
 * {@code idleWaiting}; while no listener watches, every {@code idleAlone}, busy or not. A wake
 * brings the next tick forward, but not closer than a fast tick to the last one.
 *
 * <p>How closely ({@link #look()}): a full compare while nobody watches or right after a watcher
 * attached, a sampled one while the screen is busy, and after {@code quietMs} without a change or
 * input mostly a quiet one (a fifth of the cost).
 *
 * <p>The loop's thread calls {@link #look()}, {@link #screenChanged()} and {@link #awaitNext};
 * any thread may wake it.
 */
final class TickPacer {
    /** The screen counts as busy this long after its last change: ticks are sampled, and fast while a viewer waits. */
    static final long BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** On a quiet screen one look in this many is a full compare, the others a {@link SampledScan#quietDiff}. */
    static final int QUIET_FULL_EVERY = 4;

    /** How closely a tick compares the frame. */
    enum Look {
        /** The whole frame, exactly. */
        FULL,
        /** A busy screen: a {@link SampledScan} with its hot tiles. */
        SAMPLED,
        /** A quiet screen: {@link SampledScan#quietDiff}. */
        QUIET
    }

    private final RefreshLoop.Pacing pacing;
    private final long fastTick;
    private final long quietNanos;
    private final BooleanSupplier watched;
    private final Object lock = new Object();
    /** A watcher attached since the last look: the next one compares the whole frame. */
    private final AtomicBoolean compareInFull = new AtomicBoolean();
    private volatile long lastInputNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    // Guarded by lock.
    private boolean woken;
    private boolean stopped;
    /** A viewer asked for an update since damage was last published. */
    private boolean viewerWaiting;
    /** The end of the wait in progress (0 while none is), and the soonest a wake can move it to. */
    private long waitingUntil;
    private long earliestWake;
    // Only the loop's thread.
    private long lastChangeNanos = System.nanoTime() - BUSY_NANOS;
    private int quietTicks;
    /** Milliseconds to the next tick (grows while nothing changes). */
    private long interval;

    /** @param watched whether any listener watches the screen */
    TickPacer(RefreshLoop.Pacing pacing, BooleanSupplier watched) {
        this.pacing = pacing;
        this.fastTick = Math.min(pacing.fastTickMs(), pacing.tickMs());
        this.quietNanos = TimeUnit.MILLISECONDS.toNanos(pacing.quietMs());
        this.watched = watched;
        this.interval = pacing.tickMs();
    }

    /** A viewer is waiting for an update: tick now, and fast while the screen is busy. */
    void wake() {
        synchronized (lock) {
            woken = true;
            viewerWaiting = true;
            // A wait that ends no later than a wake could bring it forward ends on its own; the
            // loop sees the flag then. Most requests come while the loop ticks fast, and every
            // viewer sends one per update: 32 viewers woke the loop 32 times per update for nothing.
            if (waitingUntil > earliestWake) {
                lock.notifyAll();
            }
        }
    }

    /** A viewer sent input: like {@link #wake()}, and no quiet looks for a while. */
    void wakeForInput() {
        lastInputNanos = System.nanoTime();
        wake();
    }

    /** A watcher attached: tick at once, and compare the whole frame. */
    void watcherAttached() {
        compareInFull.set(true);
        synchronized (lock) {
            woken = true;
            lock.notifyAll();
        }
    }

    /** The tick that just ran found the screen changed. */
    void screenChanged() {
        lastChangeNanos = System.nanoTime();
    }

    private boolean busy() {
        return System.nanoTime() - lastChangeNanos < BUSY_NANOS;
    }

    /** How closely this tick compares the frame. */
    Look look() {
        long now = System.nanoTime();
        // Taken before the compare starts: a listener attached later brings the next tick in full.
        if (compareInFull.getAndSet(false) || !watched.getAsBoolean()) {
            // A new viewer needs the exact screen now, and the sampled scan's rotation assumes
            // ticks milliseconds apart, not one a second.
            return Look.FULL;
        }
        if (busy()) {
            return Look.SAMPLED;
        }
        if (now - lastChangeNanos > quietNanos && now - lastInputNanos > quietNanos && ++quietTicks % QUIET_FULL_EVERY != 0) {
            return Look.QUIET;
        }
        return Look.FULL;
    }

    /**
     * Waits for the next tick after one that published damage when {@code changed}; false when
     * the thread was interrupted.
     */
    boolean awaitNext(boolean changed) {
        boolean fast;
        synchronized (lock) {
            if (changed) {
                // The listeners have the damage: whoever waited is served.
                viewerWaiting = false;
            }
            fast = viewerWaiting && busy();
        }
        if (fast) {
            interval = fastTick;
        } else if (!watched.getAsBoolean()) {
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
        synchronized (lock) {
            earliestWake = tickEnd + TimeUnit.MILLISECONDS.toNanos(fastTick);
            while (!stopped) {
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
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    return false;
                } finally {
                    waitingUntil = 0;
                }
            }
        }
        return true;
    }

    /** Ends the wait in progress and any later one: the loop is closing. */
    void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
    }
}
