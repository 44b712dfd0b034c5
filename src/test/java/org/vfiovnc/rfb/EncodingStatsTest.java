package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiovnc.protocol.Encodings;

class EncodingStatsTest {

    private static EncodingStats.Tally hextileUpdate() {
        EncodingStats.Tally t = new EncodingStats.Tally();
        t.copies(2);
        t.pixels(Encodings.HEXTILE, 3, 300, 7_000);
        t.message(4 + 2 * 12 + 300);
        return t;
    }

    @Test
    void everySendOfASharedUpdateCountsButItsEncodeTimeOnce() {
        EncodingStats stats = new EncodingStats();
        EncodingStats.Tally t = hextileUpdate();
        stats.sent(t, true);
        stats.sent(t, false);
        stats.sent(t, false);
        assertEquals(3, stats.updates());
        assertEquals(3L * (4 + 24 + 300), stats.updateBytes());
        assertEquals(Map.of(Encodings.COPY_RECT, 6L, Encodings.HEXTILE, 9L), stats.rects());
        assertEquals(Map.of(Encodings.COPY_RECT, 72L, Encodings.HEXTILE, 900L), stats.bytes());
        assertEquals(Map.of(Encodings.HEXTILE, 7_000L), stats.encodeNanos());
    }

    @Test
    void anUpdateWithoutPixelsOrCopiesCountsOnlyAsAMessage() {
        EncodingStats stats = new EncodingStats();
        EncodingStats.Tally t = new EncodingStats.Tally();
        t.message(4);
        stats.sent(t, true);
        assertEquals(1, stats.updates());
        assertEquals(4, stats.updateBytes());
        assertEquals(Map.of(), stats.rects());
    }
}
