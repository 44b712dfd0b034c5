package org.vfiovnc.rfb;

import java.util.concurrent.TimeUnit;

/**
 * A viewer's SetDesktopSize that went to the guest and waits for its answer. The answer is the
 * screen's next change of size itself: ExtendedDesktopSize with reason 1 (this client asked) and
 * status 0, carrying the size the guest took (it may differ from the one asked for). A guest that
 * has not changed size within {@link #ANSWER_WITHIN_MS} is answered with status 4, "request
 * forwarded": the change may still come, as an ordinary resize.
 *
 * <p>Why not status 4 at once (as QEMU's own server answers): noVNC keeps one request outstanding
 * until it has a reason-1 answer and takes a non-zero status as a failure to warn about; answered
 * by the resize, a viewer dragging its window waits for the guest instead of asking every 100 ms,
 * and its canvas takes the new size from the answer. The time limit matters too: after a success
 * whose size differs from its window noVNC asks again, and the guest, already at what it can do,
 * then does not change; the status-4 answer ends that round without another request.
 *
 * <p>Not thread-safe: used under {@link UpdateState}'s lock.
 */
final class PendingResize {
    /**
     * Long enough for a guest's new mode to reach us: the guest itself takes about half a second, but
     * a qemu-dbus source gets the new picture as one full-screen message that dbus-java takes 2-4 s
     * to decode at 1280x800 (more at 1080p).
     */
    static final long ANSWER_WITHIN_MS = 10_000;

    private long lastId;
    private long pendingId;
    private long deadline;

    /**
     * A new request goes to the source; returns its id. An earlier one still waiting is answered
     * as forwarded first ({@code replies}).
     */
    long ask(long nowNanos, PendingReplies replies, int clientWidth, int clientHeight) {
        if (pendingId != 0) {
            replies.desktopSizeReply(4, clientWidth, clientHeight);
        }
        pendingId = ++lastId;
        deadline = nowNanos + TimeUnit.MILLISECONDS.toNanos(ANSWER_WITHIN_MS);
        return pendingId;
    }

    /**
     * The source did not take request {@code id}: true when it still waits (the caller answers it
     * with the refusal), false when a change of size answered it meanwhile.
     */
    boolean refused(long id) {
        if (pendingId != id) {
            return false;
        }
        pendingId = 0;
        return true;
    }

    /** The screen changed size: true when that answers a waiting request (then no longer waiting). */
    boolean answeredByResize() {
        if (pendingId == 0) {
            return false;
        }
        pendingId = 0;
        return true;
    }

    /** Nanoseconds until the waiting request is overdue; Long.MAX_VALUE when none waits. */
    long nanosUntilOverdue(long nowNanos) {
        return pendingId == 0 ? Long.MAX_VALUE : Math.max(0, deadline - nowNanos);
    }

    /** When the waiting request's time is up, answers it as forwarded; true when it did. */
    boolean answerIfOverdue(long nowNanos, PendingReplies replies, int clientWidth, int clientHeight) {
        if (pendingId == 0 || nowNanos - deadline < 0) {
            return false;
        }
        pendingId = 0;
        replies.desktopSizeReply(4, clientWidth, clientHeight);
        return true;
    }
}
