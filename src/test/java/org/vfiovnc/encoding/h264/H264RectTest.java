package org.vfiovnc.encoding.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.vfiovnc.encoding.OutBuffer;

class H264RectTest {
    @Test
    void bodyIsLengthFlagsThenData() {
        OutBuffer out = new OutBuffer();
        H264Rect.write(out, new byte[] {0, 0, 0, 1, 0x65}, H264Rect.RESET_CONTEXT);
        assertArrayEquals(new byte[] {0, 0, 0, 5, 0, 0, 0, 1, 0, 0, 0, 1, 0x65}, out.toByteArray());
    }

    @Test
    void aResetAloneHasNoData() {
        OutBuffer out = new OutBuffer();
        H264Rect.write(out, new byte[0], H264Rect.RESET_ALL_CONTEXTS);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 2}, out.toByteArray());
    }
}
