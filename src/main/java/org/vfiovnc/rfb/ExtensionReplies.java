package org.vfiovnc.rfb;

import java.util.List;
import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.protocol.Encodings;

/**
 * What a session owes a viewer once for each protocol extension it announces in SetEncodings:
 * the EndOfContinuousUpdates and ServerFence that tell it the server supports those messages, the
 * pseudo-rectangles that acknowledge ExtendedDesktopSize, QEMU's key and pointer extensions and
 * ExtendedMouseButtons, and the keyboard LED state whenever it changes. It also builds the answers
 * to ClientFence. Not thread-safe: the session calls it under its lock.
 */
final class ExtensionReplies {
    static final int FENCE_BLOCK_BEFORE = 1;
    static final int FENCE_BLOCK_AFTER = 2;
    static final int FENCE_SYNC_NEXT = 4;
    static final int FENCE_REQUEST = 0x80000000;
    static final int FENCE_SUPPORTED = FENCE_BLOCK_BEFORE | FENCE_BLOCK_AFTER | FENCE_SYNC_NEXT;

    private boolean continuousUpdatesAnnounced;
    private boolean fenceAnnounced;
    private boolean extendedDesktopSizeAnnounced;
    private boolean extendedKeyAcked;
    private boolean pointerMotionAcked;
    private boolean extendedMouseAcked;
    private int ledsSent = -1;

    /**
     * Queues the first-time answers for extensions in {@code encodings} not answered yet.
     * ExtendedDesktopSize waits until there is a framebuffer ({@code w}x{@code h}) to describe.
     */
    void announce(ClientEncodings encodings, boolean haveFramebuffer, int w, int h, int leds,
            List<byte[]> control, List<PseudoRect> pseudo) {
        if (encodings.continuousUpdates() && !continuousUpdatesAnnounced) {
            // Tells the viewer the server supports EnableContinuousUpdates.
            continuousUpdatesAnnounced = true;
            control.add(new byte[] {(byte) ServerMessageWriter.END_OF_CONTINUOUS_UPDATES});
        }
        if (encodings.fence() && !fenceAnnounced) {
            fenceAnnounced = true;
            OutBuffer b = new OutBuffer(16);
            ServerMessageWriter.serverFence(b, FENCE_REQUEST | FENCE_SUPPORTED, new byte[0]);
            control.add(b.toByteArray());
        }
        if (encodings.extendedDesktopSize() && !extendedDesktopSizeAnnounced && haveFramebuffer) {
            extendedDesktopSizeAnnounced = true;
            pseudo.add(PseudoRect.extendedDesktopSize(0, 0, w, h));
        }
        if (encodings.qemuExtendedKey() && !extendedKeyAcked) {
            extendedKeyAcked = true;
            pseudo.add(PseudoRect.empty(0, 0, w, h, Encodings.QEMU_EXTENDED_KEY_EVENT));
        }
        if (encodings.qemuPointerMotionChange() && !pointerMotionAcked) {
            // x = 1: absolute coordinates (the guest gets a tablet-like pointer).
            pointerMotionAcked = true;
            pseudo.add(PseudoRect.empty(1, 0, w, h, Encodings.QEMU_POINTER_MOTION_CHANGE));
        }
        if (encodings.extendedMouseButtons() && !extendedMouseAcked) {
            extendedMouseAcked = true;
            pseudo.add(PseudoRect.empty(0, 0, 0, 0, Encodings.EXTENDED_MOUSE_BUTTONS));
        }
        ledState(encodings, leds, pseudo);
    }

    /** Queues the LED state when the viewer takes it and it differs from what it has (negative: unknown). */
    void ledState(ClientEncodings encodings, int leds, List<PseudoRect> pseudo) {
        if (encodings.qemuLedState() && leds >= 0 && leds != ledsSent) {
            ledsSent = leds;
            pseudo.add(new PseudoRect(0, 0, 1, 1, Encodings.QEMU_LED_STATE, new byte[] {(byte) leds}));
        }
    }

    /** The ServerFence answering a ClientFence request with {@code flags}, or null for a reply to ours. */
    static FenceAnswer answerFence(int flags, byte[] payload) {
        if ((flags & FENCE_REQUEST) == 0) {
            return null;
        }
        int answer = flags & FENCE_SUPPORTED;
        OutBuffer b = new OutBuffer(80);
        ServerMessageWriter.serverFence(b, answer, payload);
        return new FenceAnswer(b.toByteArray(), (answer & FENCE_SYNC_NEXT) != 0);
    }

    /** A ServerFence message; {@code syncNext}: it must follow the next framebuffer update. */
    record FenceAnswer(byte[] message, boolean syncNext) {}
}
