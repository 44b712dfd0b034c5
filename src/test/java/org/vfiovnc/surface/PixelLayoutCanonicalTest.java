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

    @ParameterizedTest(name = "{0}, offset {1}")
    @CsvSource({"XR24,0", "AR24,4", "XB24,8", "AB24,1", "RG16,2", "RG24,3", "BG24,5"})
    void heapArrayRowsConvertLikeBufferRows(PixelLayout layout, int offset) {
        int count = 45;
        byte[] src = new byte[offset + layout.bytesPerPixel() * count + 7];
        new java.util.Random(offset * 31L + layout.ordinal()).nextBytes(src);
        int[] fromBuffer = new int[count + 4];
        int[] fromArray = new int[count + 4];
        java.util.Arrays.fill(fromBuffer, 0x123456);
        java.util.Arrays.fill(fromArray, 0x123456);
        layout.toCanonical(ByteBuffer.wrap(src), offset, fromBuffer, 2, count);
        layout.toCanonical(src, offset, fromArray, 2, count);
        org.junit.jupiter.api.Assertions.assertArrayEquals(fromBuffer, fromArray, layout + " heap row vs buffer row");
        for (int i = 2; i < 2 + count; i++) {
            assertEquals(0, fromArray[i] >>> 24, layout + " pixel " + i + " has no fourth byte");
        }
    }
}
