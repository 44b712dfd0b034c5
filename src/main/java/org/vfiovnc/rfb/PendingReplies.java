package org.vfiovnc.rfb;

import java.util.ArrayList;
import java.util.List;

/**
 * What a session owes its viewer besides pixels: whole messages to send before the next update
 * (EndOfContinuousUpdates, ServerFence), pseudo-rectangles to send in it (extension
 * acknowledgements, LED state, SetDesktopSize replies), and a SyncNext fence to send right after
 * it. Not thread-safe: {@link UpdateState} calls it under its lock.
 */
final class PendingReplies {
    private final ExtensionReplies extensions = new ExtensionReplies();
    private final List<byte[]> messages = new ArrayList<>();
    private final List<PseudoRect> pseudo = new ArrayList<>();
    private byte[] syncFence;
    /** Bytes of the messages queued with {@link #message}, until taken. */
    private long queuedBytes;

    /** See {@link ExtensionReplies#announce}. */
    void announce(ClientEncodings encodings, boolean haveFramebuffer, int w, int h, int leds) {
        extensions.announce(encodings, haveFramebuffer, w, h, leds, messages, pseudo);
    }

    void ledState(ClientEncodings encodings, int leds) {
        extensions.ledState(encodings, leds, pseudo);
    }

    /** Queues {@code m} unless {@code maxBytes} of such messages wait already (a viewer not reading). */
    boolean message(byte[] m, long maxBytes) {
        if (queuedBytes + m.length > maxBytes) {
            return false;
        }
        queuedBytes += m.length;
        messages.add(m);
        return true;
    }

    void continuousUpdatesEnded() {
        messages.add(new byte[] {(byte) ServerMessageWriter.END_OF_CONTINUOUS_UPDATES});
    }

    void desktopSizeReply(int status, int w, int h) {
        pseudo.add(PseudoRect.extendedDesktopSize(1, status, w, h));
    }

    /**
     * Queues the answer to a ClientFence request; false when {@code flags} make it a reply to ours.
     * A SyncNext answer waits for the update to come when one is {@code updateWanted}.
     */
    boolean fence(int flags, byte[] payload, boolean updateWanted) {
        ExtensionReplies.FenceAnswer answer = ExtensionReplies.answerFence(flags, payload);
        if (answer == null) {
            return false;
        }
        if (answer.syncNext() && updateWanted) {
            // SyncNext: answer right after the next update, which is then the "next" message.
            syncFence = answer.message();
        } else {
            // Messages are handled in order and the reply is queued behind all output before
            // it, which is what BlockBefore and BlockAfter ask for.
            messages.add(answer.message());
        }
        return true;
    }

    boolean hasMessages() {
        return !messages.isEmpty();
    }

    boolean hasPseudo() {
        return !pseudo.isEmpty();
    }

    boolean hasSyncFence() {
        return syncFence != null;
    }

    /** Sends the waiting SyncNext fence without an update: none is wanted any more. */
    void releaseSyncFence() {
        messages.add(syncFence);
        syncFence = null;
    }

    List<byte[]> takeMessages() {
        List<byte[]> taken = new ArrayList<>(messages);
        messages.clear();
        queuedBytes = 0;
        return taken;
    }

    List<PseudoRect> takePseudo() {
        List<PseudoRect> taken = new ArrayList<>(pseudo);
        pseudo.clear();
        return taken;
    }

    /** The SyncNext fence to send after the update being taken, or null. */
    byte[] takeSyncFence() {
        byte[] f = syncFence;
        syncFence = null;
        return f;
    }
}
