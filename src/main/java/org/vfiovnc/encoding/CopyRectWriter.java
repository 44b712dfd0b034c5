package org.vfiovnc.encoding;

import org.vfiovnc.damage.Move;
import org.vfiovnc.protocol.Encodings;

/**
 * Writes a whole CopyRect rectangle (header and the 4-byte body: source x, y) for a move. Moves
 * must precede the pixel rectangles of the same update, because the viewer copies from what it
 * shows at that point.
 */
public final class CopyRectWriter {
    private CopyRectWriter() {}

    public static void write(OutBuffer out, Move m) {
        out.u16(m.destination().x()).u16(m.destination().y())
                .u16(m.destination().width()).u16(m.destination().height())
                .s32(Encodings.COPY_RECT)
                .u16(m.source().x()).u16(m.source().y());
    }
}
