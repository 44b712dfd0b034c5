package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The idle timeout's clock: silence counts from the last read that brought bytes, not from the last call. */
class ReceiveClockTest {

    @Test
    void silenceRestartsOnlyWhenBytesArrive() throws IOException {
        ReceiveClock clock = new ReceiveClock(new ByteArrayInputStream(new byte[] {1, 2, 3}));
        assertTrue(clock.silentMs(System.nanoTime() + 5_000_000_000L) >= 5000, "5 s of silence since the clock was made");

        assertEquals(1, clock.read());
        assertTrue(clock.silentMs(System.nanoTime()) < 1000, "a byte restarts the count");

        byte[] buf = new byte[8];
        assertEquals(2, clock.read(buf, 0, 8));
        long afterBlock = System.nanoTime();
        assertTrue(clock.silentMs(afterBlock + 2_000_000_000L) >= 2000 && clock.silentMs(afterBlock + 2_000_000_000L) < 3000,
                "counted from the block read");

        // End of stream brings nothing: the count keeps running from the last bytes.
        assertEquals(-1, clock.read(buf, 0, 8));
        assertEquals(-1, clock.read());
        assertTrue(clock.silentMs(afterBlock + 4_000_000_000L) >= 4000, "EOF is not a sign of life");
    }
}
