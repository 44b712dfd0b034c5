package org.vfiovnc.rfb;

import org.vfiovnc.rfb.encoding.Encoder;
import org.vfiovnc.rfb.encoding.OutBuffer;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Encodes one {@link PendingUpdate} into a FramebufferUpdate message: pseudo-rectangles first
 * (size, cursor), then pixel rectangles cut to the encoder's preferred size. The rectangle count is
 * patched in at the end, so the update is complete in memory before a byte goes out.
 */
final class UpdateWriter {
    private UpdateWriter() {}

    static void write(PendingUpdate u, PixelTranslator pixels, OutBuffer out, EncodingStats stats) {
        int countPos = ServerMessageWriter.framebufferUpdate(out, 0);
        int count = 0;
        Framebuffer fb = u.framebuffer();
        if (u.resize()) {
            if (u.extendedDesktopSize()) {
                ServerMessageWriter.rectHeader(out, 0, 0, fb.width(), fb.height(), Encodings.EXTENDED_DESKTOP_SIZE);
                out.u8(1).u8(0).u8(0).u8(0);
                out.u32(0).u16(0).u16(0).u16(fb.width()).u16(fb.height()).u32(0);
            } else {
                ServerMessageWriter.rectHeader(out, 0, 0, fb.width(), fb.height(), Encodings.DESKTOP_SIZE);
            }
            count++;
        }
        if (u.cursor() != null) {
            ServerMessageWriter.rectHeader(out, u.cursor().hotX(), u.cursor().hotY(),
                    u.cursor().width(), u.cursor().height(), Encodings.CURSOR);
            CursorRect.write(u.cursor(), pixels, out);
            count++;
        }
        Encoder encoder = u.encoder();
        int side = encoder.maxRectSide();
        int pixelStart = out.size();
        int pixelRects = 0;
        for (Rect r : u.rects()) {
            for (int y = r.y(); y < r.bottom(); y += side) {
                for (int x = r.x(); x < r.right(); x += side) {
                    Rect piece = new Rect(x, y, Math.min(side, r.right() - x), Math.min(side, r.bottom() - y));
                    ServerMessageWriter.rectHeader(out, piece, encoder.encoding());
                    encoder.encode(fb, piece, pixels, out);
                    count++;
                    pixelRects++;
                }
            }
        }
        if (pixelRects > 0) {
            stats.record(encoder.encoding(), pixelRects, out.size() - pixelStart);
        }
        if (count > 0xffff) {
            throw new IllegalStateException("update with " + count + " rectangles");
        }
        ServerMessageWriter.patchRectCount(out, countPos, count);
    }
}
