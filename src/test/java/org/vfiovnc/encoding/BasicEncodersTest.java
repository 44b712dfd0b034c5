package org.vfiovnc.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Every basic encoder, in every kind of client pixel format, on pictures with 1, 2, 16, 127, 128
 * and many colours and on awkward rectangle sizes, decodes (with an independent decoder) to exactly
 * the client pixel values of the framebuffer.
 */
class BasicEncodersTest {

    static List<PixelFormat> formats() {
        return List.of(
                PixelFormat.serverDefault(),
                new PixelFormat(32, 24, true, true, 255, 255, 255, 16, 8, 0),
                new PixelFormat(32, 24, false, true, 255, 255, 255, 0, 8, 16),
                new PixelFormat(32, 30, true, true, 1023, 1023, 1023, 20, 10, 0),
                new PixelFormat(16, 16, false, true, 31, 63, 31, 11, 5, 0),
                new PixelFormat(16, 16, true, true, 31, 63, 31, 11, 5, 0),
                new PixelFormat(16, 15, false, true, 31, 31, 31, 10, 5, 0),
                new PixelFormat(16, 16, true, true, 31, 31, 63, 11, 0, 5),
                new PixelFormat(8, 8, false, true, 7, 7, 3, 0, 3, 6),
                new PixelFormat(8, 8, true, true, 7, 3, 7, 5, 0, 2),
                new PixelFormat(8, 8, false, false, 0, 0, 0, 0, 0, 0));
    }

    static Framebuffer picture(String kind, int w, int h) {
        Framebuffer fb = new Framebuffer(w, h);
        int[] px = fb.pixels();
        Random rnd = new Random(kind.hashCode());
        int colours;
        switch (kind) {
            case "solid": colours = 1; break;
            case "two": colours = 2; break;
            case "sixteen": colours = 16; break;
            case "127": colours = 127; break;
            case "128": colours = 128; break;
            default: colours = 0;
        }
        int[] palette = new int[Math.max(1, colours)];
        for (int i = 0; i < palette.length; i++) {
            // Spread palette entries so that even 8 bpp keeps them distinct where it can.
            palette[i] = rnd.nextInt(0x1000000);
        }
        for (int i = 0; i < px.length; i++) {
            if (colours == 0) {
                px[i] = rnd.nextInt(0x1000000);
            } else {
                // Blocky, so that RRE and Hextile find runs.
                int x = i % w;
                int y = i / w;
                px[i] = palette[((x / 3) * 7 + (y / 2) * 13) % palette.length];
            }
        }
        return fb;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int[] encodings = {Encodings.RAW, Encodings.RRE, Encodings.HEXTILE, Encodings.ZLIB};
        String[] kinds = {"solid", "two", "sixteen", "127", "128", "photo"};
        int[][] sizes = {{1, 1}, {17, 15}, {64, 64}, {100, 37}};
        for (int e : encodings) {
            for (PixelFormat f : formats()) {
                for (String k : kinds) {
                    for (int[] s : sizes) {
                        out.add(Arguments.of(Encodings.name(e), e, f, k, s[0], s[1]));
                    }
                }
            }
        }
        return out.stream();
    }

    static Encoder encoder(int e) {
        switch (e) {
            case Encodings.RRE: return new RreEncoder();
            case Encodings.HEXTILE: return new HextileEncoder();
            case Encodings.ZLIB: return new ZlibEncoder(6);
            default: return new RawEncoder();
        }
    }

    @ParameterizedTest(name = "{0} {2} {3} {4}x{5}")
    @MethodSource("cases")
    void roundTrip(String name, int encoding, PixelFormat format, String kind, int w, int h) throws Exception {
        Framebuffer fb = picture(kind, w + 10, h + 6);
        Rect r = new Rect(5, 3, w, h);
        PixelTranslator t = new PixelTranslator(format);
        Encoder enc = encoder(encoding);
        assertEquals(encoding, enc.encoding());
        ReferenceDecoder dec = new ReferenceDecoder(format.bytesPerPixel(), format.bigEndian());
        // Two rects through the same encoder: stateful streams (zlib) must carry across.
        for (int round = 0; round < 2; round++) {
            OutBuffer out = new OutBuffer();
            enc.encode(fb, r, t, out);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(out.toByteArray()));
            int[] decoded = dec.decode(encoding, w, h, in);
            assertArrayEquals(t.translate(fb, r), decoded);
            assertEquals(0, in.available(), "no trailing bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("translatorCases")
    void translatorScalesEveryChannelToItsMax(String name, Supplier<PixelFormat> f) {
        PixelFormat pf = f.get();
        PixelTranslator t = new PixelTranslator(pf);
        int rMax = pf.trueColour() ? pf.redMax() : 7;
        int rShift = pf.trueColour() ? pf.redShift() : 5;
        assertEquals(rMax << rShift, t.translate(0xff0000) & (rMax << rShift));
        assertEquals(0, t.translate(0x000000));
        int all = t.translate(0xffffff);
        int expectAll = pf.trueColour()
                ? pf.redMax() << pf.redShift() | pf.greenMax() << pf.greenShift() | pf.blueMax() << pf.blueShift()
                : 0xff;
        assertEquals(expectAll, all);
    }

    static Stream<Arguments> translatorCases() {
        return formats().stream().map(f -> Arguments.of(f.toString(), (Supplier<PixelFormat>) () -> f));
    }
}
