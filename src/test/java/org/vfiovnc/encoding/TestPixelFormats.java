package org.vfiovnc.encoding;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.vfiovnc.protocol.PixelFormat;

/** Client pixel formats the encoder tests run through: the common ones and the odd ones real viewers send. */
final class TestPixelFormats {
    private TestPixelFormats() {}

    static List<PixelFormat> all() {
        return List.of(
                PixelFormat.serverDefault(),
                new PixelFormat(32, 24, true, true, 255, 255, 255, 16, 8, 0),
                new PixelFormat(32, 24, false, true, 255, 255, 255, 0, 8, 16),
                new PixelFormat(32, 24, false, true, 255, 255, 255, 24, 16, 8),
                new PixelFormat(32, 24, true, true, 255, 255, 255, 8, 16, 24),
                new PixelFormat(32, 32, false, true, 255, 255, 255, 16, 8, 0),
                new PixelFormat(32, 24, true, true, 255, 255, 255, 16, 0, 8),
                new PixelFormat(32, 30, false, true, 1023, 1023, 1023, 20, 10, 0),
                new PixelFormat(16, 16, false, true, 31, 63, 31, 11, 5, 0),
                new PixelFormat(16, 16, true, true, 31, 31, 63, 11, 0, 5),
                new PixelFormat(16, 15, false, true, 31, 31, 31, 10, 5, 0),
                new PixelFormat(8, 8, false, true, 7, 7, 3, 0, 3, 6),
                new PixelFormat(8, 8, true, true, 7, 3, 7, 5, 0, 2),
                new PixelFormat(8, 8, false, false, 0, 0, 0, 0, 0, 0));
    }

    /**
     * Every format with every size and colour count that fits it: the encoder round-trip cases
     * (format, width, height, colours).
     */
    static Stream<Arguments> cases(int[][] sizes, int[] colours) {
        List<Arguments> out = new ArrayList<>();
        for (PixelFormat f : all()) {
            for (int[] s : sizes) {
                for (int c : colours) {
                    if (c <= s[0] * s[1]) {
                        out.add(Arguments.of(f, s[0], s[1], c));
                    }
                }
            }
        }
        return out.stream();
    }

    /** Reads one pixel value of {@code bytes} bytes. */
    static int read(byte[] b, int off, int bytes, boolean bigEndian) {
        int v = 0;
        for (int i = 0; i < bytes; i++) {
            int x = b[off + i] & 0xff;
            v |= bigEndian ? x << (8 * (bytes - 1 - i)) : x << (8 * i);
        }
        return v;
    }
}
