package org.vfiovnc.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Bytes one viewer's zlib encoder wrote after {@link Encoder#forgetHistory()} decode in another
 * viewer's decoder, whatever that decoder read before; and a viewer that took such bytes decodes its
 * own encoder's next rectangles once that encoder forgot its history too. Two viewers, each with
 * its encoder and an independent decoder, take turns: own rectangles, shared ones, own again.
 */
class SharedStreamsTest {
    private static final PixelFormat F = PixelFormat.serverDefault();
    private static final PixelTranslator T = new PixelTranslator(F);
    /** Text-like, palette, two-colour and photo-like pictures: every kind of Tight data and long deflate matches. */
    private static final List<Framebuffer> PICTURES = List.of(TestImages.withColours(300, 120, 16, 1),
            TestImages.photo(300, 120, 2), TestImages.withColours(300, 120, 2, 3), TestImages.withColours(300, 120, 200, 4),
            TestImages.withColours(300, 120, 16, 1));
    private static final List<Rect> RECTS = List.of(new Rect(0, 0, 300, 60), new Rect(10, 60, 200, 60));

    /** One viewer: its encoder and an independent decoder of what it is sent. */
    private interface Decoder {
        int[] decode(byte[] body, Rect r) throws Exception;
    }

    private record Viewer(Encoder encoder, Decoder decoder) {
        /** Encodes {@code fb}'s rectangles as this viewer's own update. */
        byte[][] encode(Framebuffer fb) {
            byte[][] bodies = new byte[RECTS.size()][];
            for (int i = 0; i < RECTS.size(); i++) {
                OutBuffer out = new OutBuffer();
                encoder.encode(fb, RECTS.get(i), T, out);
                bodies[i] = out.toByteArray();
            }
            return bodies;
        }

        void take(byte[][] bodies, Framebuffer fb, String what) throws Exception {
            for (int i = 0; i < RECTS.size(); i++) {
                Rect r = RECTS.get(i);
                assertArrayEquals(T.translate(fb, r), decoder.decode(bodies[i], r), what + ", " + r);
            }
        }
    }

    private static Viewer viewer(int encoding) {
        return switch (encoding) {
            case Encodings.ZRLE -> {
                ZrleTestDecoder d = new ZrleTestDecoder();
                yield new Viewer(new ZrleEncoder(6), (b, r) -> d.decode(ByteBuffer.wrap(b), r.width(), r.height(), F));
            }
            case Encodings.ZLIB -> {
                ReferenceDecoder d = new ReferenceDecoder(F.bytesPerPixel(), F.bigEndian());
                yield new Viewer(new ZlibEncoder(6), (b, r) -> d.decode(Encodings.ZLIB, r.width(), r.height(),
                        new DataInputStream(new ByteArrayInputStream(b))));
            }
            default -> {
                TightTestDecoder d = new TightTestDecoder();
                yield new Viewer(new TightEncoder(false), (b, r) -> d.decode(ByteBuffer.wrap(b), r.width(), r.height(), F));
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Encodings.ZRLE, Encodings.ZLIB, Encodings.TIGHT})
    void sharedAndOwnUpdatesInterleave(int encoding) throws Exception {
        interleave(encoding, false);
    }

    /**
     * Both viewers change their compression level before every round (as noVNC does when its
     * setting changes): the writer's first block at a new level must still end at a flush point, or
     * the copier gets a block whose end arrives with the writer's next one.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Encodings.ZRLE, Encodings.ZLIB, Encodings.TIGHT})
    void sharedUpdatesAfterALevelChange(int encoding) throws Exception {
        interleave(encoding, true);
    }

    private static void interleave(int encoding, boolean changeLevels) throws Exception {
        Viewer a = viewer(encoding);
        Viewer b = viewer(encoding);
        try {
            // Own first updates: each stream starts (ZRLE and Zlib: the zlib header goes out here).
            assertEquals(encoding == Encodings.TIGHT, a.encoder().canShare(), "before the first update");
            a.take(a.encode(PICTURES.get(0)), PICTURES.get(0), "a's first");
            b.take(b.encode(PICTURES.get(1)), PICTURES.get(1), "b's first");
            assertTrue(a.encoder().canShare() && b.encoder().canShare());
            for (int round = 0; round < PICTURES.size(); round++) {
                Framebuffer pic = PICTURES.get(round);
                Viewer writer = round % 2 == 0 ? a : b;
                Viewer copier = writer == a ? b : a;
                if (changeLevels) {
                    a.encoder().configure(1 + round % 9, -1);
                    b.encoder().configure(1 + round % 9, -1);
                }
                writer.encoder().forgetHistory();
                byte[][] shared = writer.encode(pic);
                writer.take(shared, pic, "round " + round + ", the writer's own copy");
                copier.take(shared, pic, "round " + round + ", the copy");
                copier.encoder().forgetHistory();
                // Own updates after a shared one, of a picture the streams have seen: long matches.
                Framebuffer next = PICTURES.get((round + 1) % PICTURES.size());
                a.take(a.encode(next), next, "round " + round + ", a's own");
                b.take(b.encode(next), next, "round " + round + ", b's own");
            }
        } finally {
            a.encoder().close();
            b.encoder().close();
        }
    }

    /** Without forgetting, a copy refers to the writer's history and another decoder gets it wrong: the test above can fail. */
    @Test
    void aCopyWithoutForgettingDecodesWrong() throws Exception {
        Viewer a = viewer(Encodings.ZRLE);
        Viewer b = viewer(Encodings.ZRLE);
        try {
            Framebuffer pic = PICTURES.get(0);
            a.take(a.encode(pic), pic, "a's first");
            b.take(b.encode(PICTURES.get(1)), PICTURES.get(1), "b's first");
            byte[][] shared = a.encode(pic);
            boolean wrong;
            try {
                b.take(shared, pic, "copy");
                wrong = false;
            } catch (AssertionError | Exception e) {
                wrong = true;
            }
            assertTrue(wrong, "a copy that refers to another stream's history decoded right");
        } finally {
            a.encoder().close();
            b.encoder().close();
        }
    }

    /** Forgetting costs ZRLE and Zlib 5 bytes (an empty stored block), nothing when the stream has not started. */
    @Test
    void forgettingCostsOneEmptyBlock() {
        DeflateStream s = new DeflateStream(6);
        byte[] data = "abcdefgh".repeat(100).getBytes();
        s.forgetHistory();
        OutBuffer first = new OutBuffer();
        s.compress(data, 0, data.length, first);
        assertFalse(first.size() > 0 && first.array()[0] != 0x78, "a fresh stream starts with its zlib header");
        s.forgetHistory();
        OutBuffer again = new OutBuffer();
        s.compress(data, 0, data.length, again);
        assertArrayEquals(new byte[] {0, 0, 0, (byte) 0xff, (byte) 0xff}, Arrays.copyOf(again.array(), 5));
        s.end();
    }
}
