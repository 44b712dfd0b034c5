package org.vfiovnc.rfb;

import java.util.List;
import java.util.logging.Logger;
import org.vfiovnc.protocol.ProtocolException;
import org.vfiovnc.surface.SizeRequest;

/**
 * A viewer's SetDesktopSize, on its reader thread. A size the viewer already has is confirmed at
 * once; a layout that cannot be (no screen, a screen outside the area, a side of zero or over
 * {@link #MAX_SIDE}) is refused as invalid; otherwise the source is asked (not for a view-only
 * viewer: prohibited) and, when it passed the request on to the guest, the answer waits for the
 * guest ({@link PendingResize}). RFB status codes: 0 no error, 1 prohibited, 2 out of resources,
 * 3 invalid layout, 4 forwarded.
 */
final class ResizeRequests {
    private static final Logger LOG = ClientSession.LOG;
    /** The largest side asked of a guest: larger than any display, small enough for a guest to allocate. */
    static final int MAX_SIDE = 16384;

    private final String peer;
    private final UpdateState state;
    private final DisplayFeed display;
    private final boolean viewOnly;

    ResizeRequests(String peer, UpdateState state, DisplayFeed display, boolean viewOnly) {
        this.peer = peer;
        this.state = state;
        this.display = display;
        this.viewOnly = viewOnly;
    }

    void setDesktopSize(int width, int height, List<ClientMessageHandler.Screen> screens) throws ProtocolException {
        long id;
        state.lock();
        try {
            if (!state.encodings().extendedDesktopSize()) {
                throw new ProtocolException("SetDesktopSize without the ExtendedDesktopSize extension");
            }
            ScreenChanges screen = state.screen();
            int w = screen.clientWidth();
            int h = screen.clientHeight();
            int status = width == w && height == h ? 0 : !validLayout(width, height, screens) ? 3 : viewOnly ? 1 : -1;
            if (status >= 0) {
                answer(width, height, status);
                return;
            }
            id = state.pendingResize().ask(System.nanoTime(), state.replies(), w, h);
            // The sender's wait must end by the answer's deadline (and take an earlier request's answer).
            state.wakeSender();
        } finally {
            state.unlock();
        }
        // Outside the lock: the source may wait for the VM, and the refresh loop must not wait with it.
        SizeRequest outcome = display.requestSize(width, height);
        if (outcome == SizeRequest.ACCEPTED) {
            LOG.fine("client " + peer + " asked for " + width + "x" + height + ": passed to the guest");
            return;
        }
        state.lock();
        try {
            if (state.pendingResize().refused(id)) {
                answer(width, height, status(outcome));
            }
        } finally {
            state.unlock();
        }
    }

    /** Queues the answer with the size the viewer has. Caller holds the lock. */
    private void answer(int width, int height, int status) {
        ScreenChanges screen = state.screen();
        LOG.fine("client " + peer + " asked for " + width + "x" + height + ": status " + status);
        state.replies().desktopSizeReply(status, screen.clientWidth(), screen.clientHeight());
        state.wakeSender();
    }

    private static int status(SizeRequest outcome) {
        switch (outcome) {
            case PROHIBITED: return 1;
            case UNAVAILABLE: return 2;
            case INVALID: return 3;
            default: throw new IllegalArgumentException(outcome.name());
        }
    }

    /** One screen at least, each inside the requested area, and sides a guest can be asked for. */
    static boolean validLayout(int width, int height, List<ClientMessageHandler.Screen> screens) {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE || screens.isEmpty()) {
            return false;
        }
        for (ClientMessageHandler.Screen s : screens) {
            if (s.width() < 1 || s.height() < 1 || s.x() + s.width() > width || s.y() + s.height() > height) {
                return false;
            }
        }
        return true;
    }
}
