package org.vfiovnc.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/** ZRLE against an independent decoder, on edge-case sizes, colour counts and every client pixel format. */
class ZrleEncoderTest {

    static Stream<Arguments> cases() {
        return TestPixelFormats.cases(new int[][] {{1, 1}, {63, 1}, {64, 64}, {65, 65}, {130, 70}, {200, 3}}, new int[] {1, 2, 3, 4, 5, 16, 17, 127, 128, 300});
    }

    @ParameterizedTest(name = "{0} {1}x{2} {3} colours")
    @MethodSource("cases")
    void roundTrips(PixelFormat f, int w, int h, int colours) throws Exception {
        Framebuffer fb = TestImages.withColours(w + 5, h + 3, colours, w * 31L + h + colours);
        checkRoundTrip(fb, new Rect(3, 2, w, h), f);
    }

    @Test
    void photoAndMaxSizeRectAcrossUpdatesShareOneStream() throws Exception {
        PixelFormat f = PixelFormat.serverDefault();
        ZrleEncoder enc = new ZrleEncoder(6);
        ZrleTestDecoder dec = new ZrleTestDecoder();
        PixelTranslator t = new PixelTranslator(f);
        Framebuffer photo = TestImages.photo(4096, 300, 7);
        for (Rect r : List.of(new Rect(0, 0, 4096, 300), new Rect(17, 5, 1000, 200), new Rect(4095, 299, 1, 1))) {
            OutBuffer out = new OutBuffer();
            enc.encode(photo, r, t, out);
            int[] got = dec.decode(ByteBuffer.wrap(out.toByteArray()), r.width(), r.height(), f);
            assertArrayEquals(t.translate(photo, r), got, r.toString());
        }
        enc.close();
    }

    static void checkRoundTrip(Framebuffer fb, Rect r, PixelFormat f) throws Exception {
        ZrleEncoder enc = new ZrleEncoder(6);
        ZrleTestDecoder dec = new ZrleTestDecoder();
        PixelTranslator t = new PixelTranslator(f);
        // Twice through the same streams: the second rectangle depends on the kept zlib history.
        for (int round = 0; round < 2; round++) {
            OutBuffer out = new OutBuffer();
            enc.encode(fb, r, t, out);
            ByteBuffer in = ByteBuffer.wrap(out.toByteArray());
            int[] got = dec.decode(in, r.width(), r.height(), f);
            assertArrayEquals(t.translate(fb, r), got, f + " " + r + " round " + round);
        }
        enc.close();
    }
}
