package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiovnc.protocol.Encodings;

class ExtensionRepliesTest {
    private final ExtensionReplies replies = new ExtensionReplies();
    private final List<byte[]> control = new ArrayList<>();
    private final List<PseudoRect> pseudo = new ArrayList<>();

    private static ClientEncodings announcing(int... extra) {
        int[] list = new int[extra.length + 1];
        list[0] = Encodings.HEXTILE;
        System.arraycopy(extra, 0, list, 1, extra.length);
        ClientEncodings e = new ClientEncodings();
        e.set(list);
        return e;
    }

    private List<Integer> pseudoEncodings() {
        return pseudo.stream().map(PseudoRect::encoding).toList();
    }

    @Test
    void eachExtensionIsAnsweredOnceEvenWhenAnnouncedAgain() {
        ClientEncodings all = announcing(Encodings.CONTINUOUS_UPDATES, Encodings.FENCE, Encodings.EXTENDED_DESKTOP_SIZE,
                Encodings.QEMU_EXTENDED_KEY_EVENT, Encodings.QEMU_POINTER_MOTION_CHANGE, Encodings.EXTENDED_MOUSE_BUTTONS);
        replies.announce(all, true, 640, 480, -1, control, pseudo);
        assertEquals(2, control.size(), "EndOfContinuousUpdates and a ServerFence");
        assertArrayEquals(new byte[] {(byte) ServerMessageWriter.END_OF_CONTINUOUS_UPDATES}, control.get(0));
        assertEquals(List.of(Encodings.EXTENDED_DESKTOP_SIZE, Encodings.QEMU_EXTENDED_KEY_EVENT,
                Encodings.QEMU_POINTER_MOTION_CHANGE, Encodings.EXTENDED_MOUSE_BUTTONS), pseudoEncodings());
        assertEquals(1, pseudo.get(2).x(), "pointer motion acknowledged as absolute");
        replies.announce(all, true, 640, 480, -1, control, pseudo);
        assertEquals(2, control.size());
        assertEquals(4, pseudo.size());
    }

    @Test
    void extendedDesktopSizeWaitsForAFramebuffer() {
        ClientEncodings eds = announcing(Encodings.EXTENDED_DESKTOP_SIZE);
        replies.announce(eds, false, 0, 0, -1, control, pseudo);
        assertTrue(pseudo.isEmpty());
        replies.announce(eds, true, 800, 600, -1, control, pseudo);
        assertEquals(1, pseudo.size());
        assertEquals(800, pseudo.get(0).width());
        assertEquals(600, pseudo.get(0).height());
    }

    @Test
    void ledStateGoesOutWhenKnownAndChangedOnly() {
        ClientEncodings leds = announcing(Encodings.QEMU_LED_STATE);
        replies.announce(leds, true, 64, 64, -1, control, pseudo);
        assertTrue(pseudo.isEmpty(), "unknown LED state is not sent");
        replies.ledState(leds, 2, pseudo);
        replies.ledState(leds, 2, pseudo);
        replies.ledState(leds, 6, pseudo);
        assertEquals(2, pseudo.size());
        assertArrayEquals(new byte[] {2}, pseudo.get(0).body());
        assertArrayEquals(new byte[] {6}, pseudo.get(1).body());
        replies.ledState(announcing(), 1, pseudo);
        assertEquals(2, pseudo.size(), "a viewer without the extension gets none");
    }

    @Test
    void fenceAnswersKeepOnlySupportedFlagsAndReportSyncNext() {
        assertNull(ExtensionReplies.answerFence(ExtensionReplies.FENCE_BLOCK_BEFORE, new byte[0]), "a reply to our fence");
        ExtensionReplies.FenceAnswer a = ExtensionReplies.answerFence(
                ExtensionReplies.FENCE_REQUEST | ExtensionReplies.FENCE_BLOCK_AFTER | 0x40, new byte[] {9, 8});
        assertFalse(a.syncNext());
        // ServerFence: type 248, 3 padding bytes, flags (u32), length (u8), payload.
        assertEquals(248, a.message()[0] & 0xff);
        assertEquals(ExtensionReplies.FENCE_BLOCK_AFTER, a.message()[7]);
        assertEquals(2, a.message()[8]);
        assertEquals(9, a.message()[9]);
        assertTrue(ExtensionReplies.answerFence(ExtensionReplies.FENCE_REQUEST | ExtensionReplies.FENCE_SYNC_NEXT,
                new byte[0]).syncNext());
    }
}
