package org.vfiovnc.rfb;

import java.io.DataInputStream;
import java.util.List;
import java.util.logging.Logger;
import org.vfiovnc.input.GuestLink;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.protocol.ProtocolException;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * A viewer's messages, on its reader thread: settings and requests change the session's
 * {@link UpdateState} under its lock and wake the sender when something is due; keys and the
 * pointer go to the input sink (unless view-only) and wake the refresh loop, so that what they
 * change is seen on the next tick. Messages of an extension the viewer did not announce are
 * protocol errors.
 */
final class ClientRequests implements ClientMessageHandler {
    private static final Logger LOG = ClientSession.LOG;

    private final String peer;
    private final UpdateState state;
    private final ScreenChanges screen;
    private final WantedArea wanted;
    private final ClientEncodings encodings;
    private final PendingReplies replies;
    private final DisplayFeed display;
    private final InputSink input;
    private final boolean viewOnly;
    private final ViewerClipboard clipboard;
    private final ResizeRequests resizes;
    private final ViewerPower power;
    private ClientMessageReader reader;

    ClientRequests(String peer, UpdateState state, DisplayFeed display, GuestLink guest, boolean viewOnly,
            ViewerClipboard clipboard, ViewerPower power) {
        this.peer = peer;
        this.state = state;
        this.screen = state.screen();
        this.wanted = state.wanted();
        this.encodings = state.encodings();
        this.replies = state.replies();
        this.display = display;
        this.input = guest.input();
        this.viewOnly = viewOnly;
        this.clipboard = clipboard;
        this.resizes = new ResizeRequests(peer, state, display, viewOnly);
        this.power = power;
    }

    /** The reader that parses the viewer's messages from {@code in} and hands them here. */
    ClientMessageReader newReader(DataInputStream in, int maxCutText, int maxMessage) {
        reader = new ClientMessageReader(in, this, maxCutText, maxMessage);
        return reader;
    }

    @Override
    public void setPixelFormat(PixelFormat format) throws ProtocolException {
        String problem = format.problem();
        if (problem != null) {
            throw new ProtocolException("unsupported pixel format: " + problem);
        }
        state.lock();
        try {
            state.format().set(format);
            // Pixels already sent are in the old format: the client needs all of them again.
            screen.sendAllAgain();
            screen.setCursorDue(encodings.cursor());
            state.wakeSender();
        } finally {
            state.unlock();
        }
    }

    @Override
    public void setEncodings(int[] list) {
        // Before the lock: the clipboard takes its own lock first, then the state's.
        boolean extendedClipboard = clipboard.encodings(list);
        if (reader != null) {
            reader.setExtendedClipboard(extendedClipboard);
        }
        boolean xvp;
        state.lock();
        try {
            boolean hadCursor = encodings.cursor();
            encodings.set(list);
            state.takesCopies(encodings.copyRect());
            LOG.fine("client " + peer + " " + encodings.describe());
            if (encodings.cursor() && !hadCursor) {
                screen.setCursorDue(true);
            }
            if (reader != null) {
                reader.setExtendedMouseButtons(encodings.extendedMouseButtons());
            }
            replies.announce(encodings, screen.framebuffer() != null, screen.clientWidth(), screen.clientHeight(),
                    input.ledState());
            xvp = encodings.xvp();
            state.wakeSender();
        } finally {
            state.unlock();
        }
        power.encodings(xvp);
    }

    @Override
    public void framebufferUpdateRequest(boolean incremental, Rect area) {
        boolean wake;
        state.lock();
        try {
            Rect clipped = screen.clip(area);
            if (!incremental && !clipped.isEmpty()) {
                screen.sendAgain(clipped);
            }
            wanted.request(clipped);
            wake = screen.nothingDamaged();
            // Only when the sender has something to send: a viewer that asks again right after an
            // update usually finds no damage yet, and the refresh tick that finds some wakes the
            // sender anyway (a wake-up and a sleep per update saved, per viewer).
            if (state.due()) {
                state.wakeSender();
            } else {
                state.wakeSenderWhenDue();
            }
        } finally {
            state.unlock();
        }
        if (wake) {
            display.wake();
        }
    }

    @Override
    public void keyEvent(boolean down, int keysym) {
        if (!viewOnly) {
            input.key(down, keysym, 0);
            display.wakeForInput();
        }
    }

    @Override
    public void pointerEvent(int buttons, int x, int y) {
        if (!viewOnly) {
            Framebuffer fb = screen.framebuffer();
            if (fb != null) {
                input.pointer(Math.min(x, fb.width() - 1), Math.min(y, fb.height() - 1), buttons,
                        fb.width(), fb.height());
                display.wakeForInput();
            }
        }
    }

    @Override
    public void clientCutText(byte[] text) {
        clipboard.cutText(text);
    }

    @Override
    public void clientCutTextExtended(int flags, byte[] body) throws ProtocolException {
        clipboard.extendedCutText(flags, body);
    }

    @Override
    public void xvp(int code) throws ProtocolException {
        state.lock();
        try {
            if (!encodings.xvp()) {
                throw new ProtocolException("XVP message without the XVP extension");
            }
        } finally {
            state.unlock();
        }
        power.request(code);
    }

    @Override
    public void enableContinuousUpdates(boolean enable, Rect area) throws ProtocolException {
        state.lock();
        try {
            if (!encodings.continuousUpdates()) {
                throw new ProtocolException("EnableContinuousUpdates without the ContinuousUpdates extension");
            }
            if (enable) {
                if (wanted.continuousOn(screen.clip(area))) {
                    LOG.fine("client " + peer + " continuous updates enabled for " + wanted.continuousArea());
                }
            } else {
                if (wanted.continuousOff()) {
                    LOG.fine("client " + peer + " continuous updates disabled");
                }
                replies.continuousUpdatesEnded();
            }
            state.wakeSender();
        } finally {
            state.unlock();
        }
    }

    @Override
    public void clientFence(int flags, byte[] payload) throws ProtocolException {
        state.lock();
        try {
            if (!encodings.fence()) {
                throw new ProtocolException("ClientFence without the Fence extension");
            }
            if (!replies.fence(flags, payload, wanted.area() != null)) {
                LOG.fine("client " + peer + " fence reply, flags " + Integer.toHexString(flags));
                return;
            }
            state.wakeSender();
        } finally {
            state.unlock();
        }
    }

    @Override
    public void setDesktopSize(int width, int height, List<Screen> screens) throws ProtocolException {
        resizes.setDesktopSize(width, height, screens);
    }

    @Override
    public void qemuExtendedKeyEvent(boolean down, int keysym, int scancode) throws ProtocolException {
        state.lock();
        try {
            if (!encodings.qemuExtendedKey()) {
                throw new ProtocolException("QEMU ExtendedKeyEvent without the extension");
            }
        } finally {
            state.unlock();
        }
        if (!viewOnly) {
            input.key(down, keysym, scancode);
            display.wakeForInput();
        }
    }
}
