package org.vfiovnc.rfb;

import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Watches one viewer for the server's watchdog thread, a few times a second: logs a viewer whose
 * write has not moved for a while (it gets no updates until it reads, its damage merges),
 * disconnects one whose write has not moved for the stall time, and one that sent nothing for
 * the idle timeout. It closes on a thread of its own, so the watchdog never waits: a transport's
 * close may wait for the very write that is stuck.
 */
final class SessionWatchdog {
    private static final Logger LOG = ClientSession.LOG;
    /** A write that has not moved for this long is worth a line in the log: the viewer is behind. */
    private static final long BEHIND_LOG_MS = 250;
    /**
     * A write that has not moved for this long holds its sender thread for longer than updates are
     * apart: the pool gets another (see {@link SenderPool}).
     */
    static final long BLOCKED_MS = 50;

    private final String peer;
    private final RfbLimits limits;
    private final Consumer<String> close;
    private volatile WatchedOutput output;
    /** When the viewer's bytes last came in; null until the session reads messages. */
    private volatile ReceiveClock received;
    // Watchdog thread only: whether the write blocked now was logged, and whether it closes the session.
    private boolean behindLogged;
    private boolean stallClosing;
    private boolean idleClosing;

    /** @param close ends the session with a reason for the log */
    SessionWatchdog(String peer, RfbLimits limits, Consumer<String> close) {
        this.peer = peer;
        this.limits = limits;
        this.close = close;
    }

    /** The session reads and writes from now on: watch these. */
    void watch(WatchedOutput output, ReceiveClock received) {
        this.output = output;
        this.received = received;
    }

    /**
     * Called by the server's watchdog thread with the time now ({@link System#nanoTime()}); true when
     * a write to the viewer has not moved for {@link #BLOCKED_MS} (it holds a sender thread).
     */
    boolean check(long now) {
        boolean blocked = watchOutput(now);
        watchInput(now);
        return blocked;
    }

    private boolean watchOutput(long now) {
        WatchedOutput o = output;
        long ms = o == null ? 0 : o.stalledMs(now);
        if (ms < BEHIND_LOG_MS) {
            behindLogged = false;
            return ms >= BLOCKED_MS;
        }
        if (!behindLogged) {
            behindLogged = true;
            LOG.fine("client " + peer + " is behind (a write of " + o.length() + " bytes has not moved for " + ms
                    + " ms): holding updates, merging damage");
        }
        if (ms > limits.clientStallMs() && !stallClosing) {
            stallClosing = true;
            closeAside("not reading: a write of " + o.length() + " bytes has not moved for " + ms / 1000 + " s");
        }
        return true;
    }

    private void watchInput(long now) {
        ReceiveClock r = received;
        int limit = limits.idleTimeoutMs();
        if (r == null || limit == 0 || idleClosing || r.silentMs(now) < limit) {
            return;
        }
        idleClosing = true;
        closeAside("idle timeout: nothing received for " + limit + " ms");
    }

    private void closeAside(String reason) {
        Thread t = new Thread(() -> close.accept(reason), "rfb-close-" + peer);
        t.setDaemon(true);
        t.start();
    }
}
