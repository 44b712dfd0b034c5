package org.vfiovnc.rfb;

import java.util.ArrayList;
import java.util.List;
import org.vfiovnc.damage.Move;
import org.vfiovnc.encoding.CopyRectWriter;
import org.vfiovnc.encoding.Encoder;
import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.encoding.RectPlanner;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.rfb.video.VideoUpdate;
import org.vfiovnc.surface.CursorImage;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Encodes one {@link PendingUpdate} into a FramebufferUpdate message: pseudo-rectangles first
 * (size, cursor, acknowledgements), then pixel rectangles as the planner cuts them. The rectangle
 * count is patched in at the end, so the update is complete in memory before a byte goes out; an
 * update with more than 65534 rectangles ends with LastRect instead when the client allows it.
 */
final class UpdateWriter {
    private static final int MAX_COUNT = 0xffff;

    private UpdateWriter() {}

    /** Writes the update and its figures into {@code tally}; returns the pixel rectangles that went out lossy. */
    static List<Rect> write(PendingUpdate u, PixelTranslator pixels, OutBuffer out, EncodingStats.Tally tally) {
        int countPos = ServerMessageWriter.framebufferUpdate(out, 0);
        int count = 0;
        Framebuffer fb = u.framebuffer();
        if (u.resize()) {
            if (u.extendedDesktopSize()) {
                PseudoRect.extendedDesktopSize(0, 0, fb.width(), fb.height()).write(out);
            } else {
                ServerMessageWriter.rectHeader(out, 0, 0, fb.width(), fb.height(), Encodings.DESKTOP_SIZE);
            }
            count++;
        }
        for (PseudoRect p : u.pseudo()) {
            p.write(out);
            count++;
        }
        CursorImage c = u.cursor();
        if (c != null) {
            if (u.cursorAlpha()) {
                ServerMessageWriter.rectHeader(out, c.hotX(), c.hotY(), c.width(), c.height(), Encodings.CURSOR_WITH_ALPHA);
                CursorRect.writeAlpha(c, out);
            } else {
                ServerMessageWriter.rectHeader(out, c.hotX(), c.hotY(), c.width(), c.height(), Encodings.CURSOR);
                CursorRect.write(c, pixels, out);
            }
            count++;
        }
        // Copies first: the viewer copies from what it shows before this update's pixels land.
        for (Move m : u.moves()) {
            CopyRectWriter.write(out, m);
            count++;
        }
        tally.copies(u.moves().size());
        // Video next: its areas are disjoint from the pixel rectangles; an area whose encoder failed
        // goes with them instead.
        VideoUpdate.Sent video = u.video().write(fb, out);
        count += video.rects();
        tally.video(video.rects(), video.bytes(), video.encodeNanos());
        Encoder encoder = u.encoder();
        List<Rect> lossy = new ArrayList<>(video.video());
        int pixelStart = out.size();
        int pixelRects = 0;
        long encodeNanos = 0;
        for (int pass = 0; pass < 2; pass++) {
            List<Rect> rects = pass == 1 ? u.refresh() : video.failed().isEmpty() ? u.rects() : withFailed(u, video);
            encoder.setLosslessOnly(pass == 1);
            for (Rect piece : RectPlanner.plan(fb, rects, encoder)) {
                ServerMessageWriter.rectHeader(out, piece, encoder.encoding());
                long t0 = System.nanoTime();
                encoder.encode(fb, piece, pixels, out);
                encodeNanos += System.nanoTime() - t0;
                if (encoder.lastWasLossy()) {
                    lossy.add(piece);
                }
                count++;
                pixelRects++;
            }
        }
        if (pixelRects > 0) {
            tally.pixels(encoder.encoding(), pixelRects, out.size() - pixelStart, encodeNanos);
        }
        encoder.setLosslessOnly(false);
        if (count >= MAX_COUNT) {
            if (!u.lastRect()) {
                throw new IllegalStateException("update with " + count + " rectangles for a client without LastRect");
            }
            // 0xffff means "count unknown": the client reads until the LastRect marker.
            ServerMessageWriter.rectHeader(out, 0, 0, 0, 0, Encodings.LAST_RECT);
            count = MAX_COUNT;
        }
        ServerMessageWriter.patchRectCount(out, countPos, count);
        tally.message(out.size() - (countPos - 2));
        return lossy;
    }

    private static List<Rect> withFailed(PendingUpdate u, VideoUpdate.Sent video) {
        List<Rect> all = new ArrayList<>(u.rects());
        all.addAll(video.failed());
        return all;
    }
}
