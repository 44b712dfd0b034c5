package org.vfiovnc.rfb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.vfiovnc.input.GuestClipboard;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.protocol.ProtocolException;

/**
 * One viewer's side of the clipboard: its cut text to the guest's clipboard (classic ClientCutText,
 * or the Extended Clipboard's notify, request and provide), and the guest's copies to it (notify,
 * then provide on request; classic ServerCutText for a viewer without the extension), each way only
 * where the guest clipboard (and the operator's --clipboard) allow it and never for a view-only
 * server's input. Text is bounded by --max-cut-text both ways and never logged, only its size.
 * The reader thread and the clipboard's own thread meet here, under this object's lock, which is
 * taken before the session's (messages are queued with {@code send} while holding it, so they keep
 * their order); callers must not hold the session's lock.
 */
final class ViewerClipboard implements Consumer<String> {
    private static final Logger LOG = ClientSession.LOG;
    /** What a viewer that sent no caps is taken to accept (TigerVNC's defaults). */
    private static final int DEFAULT_VIEWER_ACTIONS = ClipboardMessages.REQUEST | ClipboardMessages.NOTIFY
            | ClipboardMessages.PROVIDE;
    private static final int DEFAULT_VIEWER_TEXT_MAX = 20 << 20;

    private final String peer;
    private final GuestClipboard guest;
    private final boolean toGuest;
    private final int maxCutText;
    private final Predicate<byte[]> send;
    // Guarded by this.
    private boolean extended;
    private int viewerActions = DEFAULT_VIEWER_ACTIONS;
    private int viewerTextMax = DEFAULT_VIEWER_TEXT_MAX;
    /** The guest's latest text while this viewer is connected, to hand over when asked. */
    private String guestText;

    /** @param send queues a message for the viewer; false when too much is queued already */
    ViewerClipboard(String peer, GuestClipboard guest, boolean viewOnly, int maxCutText, Predicate<byte[]> send) {
        this.peer = peer;
        this.guest = guest;
        this.toGuest = guest.toGuest() && !viewOnly && maxCutText > 0;
        this.maxCutText = maxCutText;
        this.send = send;
    }

    private boolean fromGuest() {
        return guest.fromGuest() && maxCutText > 0;
    }

    /**
     * The viewer's SetEncodings: the first time it lists the Extended Clipboard while clipboard text
     * may travel at all, our caps go out and extended cut text is allowed from then on. Returns that.
     */
    synchronized boolean encodings(int[] list) {
        if (extended || !(toGuest || fromGuest()) || !contains(list, Encodings.EXTENDED_CLIPBOARD)) {
            return extended;
        }
        extended = true;
        send.test(ClipboardMessages.caps(toGuest ? maxCutText : 0));
        return true;
    }

    private static boolean contains(int[] list, int e) {
        for (int x : list) {
            if (x == e) {
                return true;
            }
        }
        return false;
    }

    /** A classic ClientCutText (Latin-1, already bounded by the reader). */
    void cutText(byte[] latin1) {
        if (toGuest) {
            toGuest(ClipboardMessages.fromLatin1(latin1));
        }
    }

    /** An extended ClientCutText: {@code flags} and what follows them. */
    void extendedCutText(int flags, byte[] body) throws ProtocolException {
        int formats = flags & ClipboardMessages.FORMATS;
        boolean text = (formats & ClipboardMessages.TEXT) != 0;
        List<byte[]> replies = new ArrayList<>(2);
        String provided = null;
        synchronized (this) {
            if ((flags & ClipboardMessages.CAPS) != 0) {
                viewerActions = flags & ClipboardMessages.ACTIONS;
                viewerTextMax = ClipboardMessages.capsTextMax(flags, body);
                return;
            }
            if ((flags & ClipboardMessages.ACTIONS) == 0) {
                throw new ProtocolException("extended clipboard message without an action (flags 0x"
                        + Integer.toHexString(flags) + ")");
            }
            if ((flags & ClipboardMessages.REQUEST) != 0 && text && fromGuest() && guestText != null) {
                replies.add(ClipboardMessages.provide(guestText));
            }
            if ((flags & ClipboardMessages.PEEK) != 0) {
                replies.add(ClipboardMessages.notify(fromGuest() && guestText != null));
            }
            if ((flags & ClipboardMessages.NOTIFY) != 0 && text && toGuest) {
                replies.add(ClipboardMessages.request());
            }
            if ((flags & ClipboardMessages.PROVIDE) != 0 && text && toGuest) {
                provided = ClipboardMessages.providedText(body, maxCutText);
            }
            for (byte[] m : replies) {
                if (!send.test(m)) {
                    throw new ProtocolException("the viewer sends clipboard messages faster than it reads the replies");
                }
            }
        }
        if (provided != null) {
            toGuest(provided);
        }
    }

    private void toGuest(String text) {
        LOG.fine(() -> "client " + peer + " clipboard: " + text.length() + " characters to the guest");
        guest.fromViewer(text);
    }

    /** The guest copied {@code text} (the clipboard's thread). */
    @Override
    public void accept(String text) {
        if (!fromGuest()) {
            return;
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxCutText) {
            LOG.info("client " + peer + ": guest clipboard text of " + bytes + " bytes exceeds the limit of "
                    + maxCutText + "; not sent");
            return;
        }
        synchronized (this) {
            guestText = text;
            byte[] message;
            if (!extended) {
                message = ClipboardMessages.classic(text);
            } else if ((viewerActions & ClipboardMessages.NOTIFY) != 0) {
                message = ClipboardMessages.notify(true);
            } else if ((viewerActions & ClipboardMessages.PROVIDE) != 0 && bytes < viewerTextMax) {
                message = ClipboardMessages.provide(text);
            } else {
                return;
            }
            if (!send.test(message)) {
                LOG.info("client " + peer + " is not reading: guest clipboard not sent");
            }
        }
    }
}
