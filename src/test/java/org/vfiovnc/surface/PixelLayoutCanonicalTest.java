package org.vfiovnc.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PixelLayoutCanonicalTest {

    @ParameterizedTest(name = "direct {0}, offset {1}")
    @CsvSource({"false,12", "true,12", "false,13", "true,14"})
    void xr24AndAr24BytesBecomeRgbWithoutTheFourthByte(boolean direct, int offset) {
        int count = 37;
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(offset + 4 * count + 8) : ByteBuffer.allocate(offset + 4 * count + 8);
        // A big-endian buffer: the layouts must read little-endian memory order whatever the buffer says.
        b.order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < count; i++) {
            int p = offset + 4 * i;
            b.put(p, (byte) (i * 3));          // blue
            b.put(p + 1, (byte) (i * 5 + 1));  // green
            b.put(p + 2, (byte) (255 - i));    // red
            b.put(p + 3, (byte) (0x80 | i));   // X / alpha, never part of the colour
        }
        for (PixelLayout layout : new PixelLayout[] {PixelLayout.XR24, PixelLayout.AR24}) {
            int[] dst = new int[count + 5];
            dst[0] = 0x7777;
            dst[count + 4] = 0x5555;
            layout.toCanonical(b, offset, dst, 3, count);
            for (int i = 0; i < count; i++) {
                int want = (255 - i) << 16 | (i * 5 + 1 & 0xff) << 8 | (i * 3 & 0xff);
                assertEquals(want, dst[3 + i], layout + " pixel " + i);
            }
            assertEquals(0x7777, dst[0], "nothing written before the offset");
            assertEquals(0x5555, dst[count + 4], "nothing written past the count");
        }
    }
}
