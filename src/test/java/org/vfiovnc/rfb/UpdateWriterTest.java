package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.encoding.RawEncoder;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/** Updates whose rectangle count does not fit the 16-bit field end with LastRect. */
class UpdateWriterTest {

    @Test
    void moreThan65534RectanglesEndWithLastRect() {
        Framebuffer fb = new Framebuffer(300, 300);
        List<Rect> rects = new ArrayList<>();
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 300; x += 2) {
                rects.add(new Rect(x, y, 1, 1));
            }
        }
        assertEquals(45000, rects.size());
        for (int x = 1; x < 300; x += 2) {
            for (int y = 0; y < 300; y++) {
                rects.add(new Rect(x, y, 1, 1));
            }
        }
        PixelTranslator t = new PixelTranslator(PixelFormat.serverDefault());
        OutBuffer out = new OutBuffer();
        UpdateWriter.write(update(fb, rects, true), t, out, new EncodingStats.Tally());
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray());
        assertEquals(0, b.get());
        b.get();
        assertEquals(0xffff, b.getShort() & 0xffff);
        int seen = 0;
        while (true) {
            b.position(b.position() + 8);
            int enc = b.getInt();
            if (enc == Encodings.LAST_RECT) {
                break;
            }
            b.position(b.position() + 4);
            seen++;
        }
        assertEquals(90000, seen);
        assertEquals(0, b.remaining());
        assertThrows(IllegalStateException.class,
                () -> UpdateWriter.write(update(fb, rects, false), t, new OutBuffer(), new EncodingStats.Tally()));
    }

    private static PendingUpdate update(Framebuffer fb, List<Rect> rects, boolean lastRect) {
        return new PendingUpdate(fb, false, null, false, List.of(), List.of(), rects, List.of(), new RawEncoder(), false, lastRect);
    }
}
