package org.vfiovnc.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Tight against an independent decoder: every sub-encoding, edge sizes, colour counts and pixel formats. */
class TightEncoderTest {

    static Stream<Arguments> cases() {
        return TestPixelFormats.cases(new int[][] {{1, 1}, {5, 1}, {63, 2}, {65, 65}, {300, 17}}, new int[] {1, 2, 3, 16, 127, 128, 256, 257, 2000});
    }

    @ParameterizedTest(name = "{0} {1}x{2} {3} colours")
    @MethodSource("cases")
    void losslessRoundTrip(PixelFormat f, int w, int h, int colours) throws Exception {
        Framebuffer fb = TestImages.withColours(w + 4, h + 2, colours, w * 7L + h * 3 + colours);
        TightEncoder enc = new TightEncoder(false);
        TightTestDecoder dec = new TightTestDecoder();
        PixelTranslator t = new PixelTranslator(f);
        Rect r = new Rect(2, 1, w, h);
        for (int round = 0; round < 2; round++) {
            OutBuffer out = new OutBuffer();
            enc.encode(fb, r, t, out);
            ByteBuffer in = ByteBuffer.wrap(out.toByteArray());
            assertArrayEquals(t.translate(fb, r), dec.decode(in, w, h, f), f + " " + r + " round " + round + " " + dec.lastKind);
            assertEquals(0, in.remaining(), "bytes left over");
        }
        enc.close();
    }

    @Test
    void subEncodingsFollowTheColourCount() throws Exception {
        PixelFormat f = PixelFormat.serverDefault();
        assertEquals("fill", kindOf(TestImages.withColours(100, 50, 1, 1), f, -1, false));
        assertEquals("mono", kindOf(TestImages.withColours(100, 50, 2, 1), f, -1, false));
        assertEquals("palette", kindOf(TestImages.withColours(100, 50, 200, 1), f, -1, false));
        assertEquals("gradient", kindOf(TestImages.photo(200, 100, 3), f, -1, false));
        assertEquals("jpeg", kindOf(TestImages.photo(200, 100, 3), f, 5, false));
        assertEquals("png", kindOf(TestImages.photo(200, 100, 3), f, -1, true));
        assertEquals("fill", kindOf(TestImages.withColours(100, 50, 1, 1), f, 5, true));
        // JPEG needs a true-colour client of 16 bpp or more.
        assertFalse(kindOf(TestImages.photo(200, 100, 3), new PixelFormat(8, 8, false, true, 7, 7, 3, 0, 3, 6), 5, false).equals("jpeg"));
    }

    private static String kindOf(Framebuffer fb, PixelFormat f, int jpegLevel, boolean png) throws Exception {
        TightEncoder enc = new TightEncoder(png);
        enc.configure(6, jpegLevel);
        TightTestDecoder dec = new TightTestDecoder();
        PixelTranslator t = new PixelTranslator(f);
        Rect r = fb.bounds();
        OutBuffer out = new OutBuffer();
        enc.encode(fb, r, t, out);
        int[] got = dec.decode(ByteBuffer.wrap(out.toByteArray()), r.width(), r.height(), f);
        if (dec.lastKind.equals("jpeg")) {
            // JPEG: the stated tolerance at quality level 5 on a noisy gradient is a mean channel error of at most 8 (of 255).
            double err = meanError(fb.pixels(), got);
            assertTrue(err <= 8, "JPEG mean error " + err);
        } else {
            assertArrayEquals(t.translate(fb, r), got);
        }
        assertEquals(dec.lastKind.equals("jpeg"), enc.lastWasLossy());
        enc.close();
        return dec.lastKind;
    }

    @Test
    void bitmapAndPaletteStreamsCompressHarderThanFullColour() {
        for (int s : new int[] {TightEncoder.STREAM_FULL, TightEncoder.STREAM_MONO, TightEncoder.STREAM_INDEXED}) {
            assertEquals(1, TightEncoder.zlibLevel(s, 1), "level 1 stays the fastest for every stream");
        }
        // libvncclient's default CompressLevel 3.
        assertEquals(2, TightEncoder.zlibLevel(TightEncoder.STREAM_FULL, 3));
        assertEquals(4, TightEncoder.zlibLevel(TightEncoder.STREAM_MONO, 3));
        assertEquals(4, TightEncoder.zlibLevel(TightEncoder.STREAM_INDEXED, 3));
        assertEquals(9, TightEncoder.zlibLevel(TightEncoder.STREAM_MONO, 9));
        assertEquals(8, TightEncoder.zlibLevel(TightEncoder.STREAM_FULL, 9));
    }

    @Test
    void losslessOnlyModeNeverSendsJpeg() throws Exception {
        TightEncoder enc = new TightEncoder(false);
        enc.configure(6, 9);
        enc.setLosslessOnly(true);
        Framebuffer fb = TestImages.photo(200, 100, 5);
        OutBuffer out = new OutBuffer();
        enc.encode(fb, fb.bounds(), new PixelTranslator(PixelFormat.serverDefault()), out);
        TightTestDecoder dec = new TightTestDecoder();
        int[] got = dec.decode(ByteBuffer.wrap(out.toByteArray()), 200, 100, PixelFormat.serverDefault());
        assertArrayEquals(fb.pixels(), got);
        assertFalse(enc.lastWasLossy());
        enc.close();
    }

    @Test
    void maxSizeRectsAndLimits() throws Exception {
        TightEncoder enc = new TightEncoder(false);
        Framebuffer fb = TestImages.photo(4096, 64, 9);
        List<Rect> pieces = enc.split(fb.bounds());
        TightTestDecoder dec = new TightTestDecoder();
        PixelTranslator t = new PixelTranslator(PixelFormat.serverDefault());
        for (Rect p : pieces) {
            assertTrue(p.width() <= TightEncoder.MAX_WIDTH && p.area() <= TightEncoder.MAX_PIXELS, p.toString());
            OutBuffer out = new OutBuffer();
            enc.encode(fb, p, t, out);
            assertArrayEquals(t.translate(fb, p), dec.decode(ByteBuffer.wrap(out.toByteArray()), p.width(), p.height(),
                    PixelFormat.serverDefault()));
        }
        assertEquals(4, pieces.size());
        assertThrows(IllegalArgumentException.class, () -> enc.encode(fb, new Rect(0, 0, 2049, 1), t, new OutBuffer()));
        enc.close();
    }

    @Test
    void compactLengths() {
        for (int len : new int[] {0, 1, 127, 128, 16383, 16384, 4194303}) {
            OutBuffer b = new OutBuffer();
            TightEncoder.compactLength(b, len);
            assertEquals(len, TightTestDecoder.compactLength(ByteBuffer.wrap(b.toByteArray())));
            assertEquals(len < 128 ? 1 : len < 16384 ? 2 : 3, b.size());
        }
    }

    /** Mean absolute per-channel difference of two canonical (0x00RRGGBB) images. */
    static double meanError(int[] want, int[] got) {
        assertEquals(want.length, got.length);
        long sum = 0;
        for (int i = 0; i < want.length; i++) {
            for (int s = 0; s <= 16; s += 8) {
                sum += Math.abs((want[i] >> s & 0xff) - (got[i] >> s & 0xff));
            }
        }
        return sum / (3.0 * want.length);
    }
}
