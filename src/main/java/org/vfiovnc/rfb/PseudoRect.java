package org.vfiovnc.rfb;

import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.protocol.Encodings;

/** A pseudo-rectangle whose body is known when it is queued (acknowledgements, LED state, sizes). */
record PseudoRect(int x, int y, int width, int height, int encoding, byte[] body) {

    static PseudoRect empty(int x, int y, int w, int h, int encoding) {
        return new PseudoRect(x, y, w, h, encoding, new byte[0]);
    }

    /** ExtendedDesktopSize with one screen covering {@code w} x {@code h}; x = reason, y = status. */
    static PseudoRect extendedDesktopSize(int reason, int status, int w, int h) {
        OutBuffer b = new OutBuffer(24);
        b.u8(1).u8(0).u8(0).u8(0);
        b.u32(0).u16(0).u16(0).u16(w).u16(h).u32(0);
        return new PseudoRect(reason, status, w, h, Encodings.EXTENDED_DESKTOP_SIZE, b.toByteArray());
    }

    void write(OutBuffer out) {
        ServerMessageWriter.rectHeader(out, x, y, width, height, encoding);
        out.bytes(body);
    }
}
