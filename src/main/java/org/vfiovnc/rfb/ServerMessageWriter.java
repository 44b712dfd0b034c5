package org.vfiovnc.rfb;

import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.surface.Rect;

/** Writes server-to-client messages into a buffer; one method per message, no policy. */
public final class ServerMessageWriter {
    public static final int FRAMEBUFFER_UPDATE = 0;
    public static final int SET_COLOUR_MAP_ENTRIES = 1;
    public static final int BELL = 2;
    public static final int SERVER_CUT_TEXT = 3;
    public static final int END_OF_CONTINUOUS_UPDATES = 150;
    public static final int SERVER_FENCE = 248;
    public static final int XVP = 250;
    /** XVP codes from the server: the action failed (or is not allowed), and XVP is available. */
    public static final int XVP_FAIL = 0;
    public static final int XVP_INIT = 1;
    public static final int XVP_VERSION = 1;

    private ServerMessageWriter() {}

    /** Header of a FramebufferUpdate; returns the position of the count for {@link #patchRectCount}. */
    public static int framebufferUpdate(OutBuffer out, int rectCount) {
        out.u8(FRAMEBUFFER_UPDATE).u8(0);
        int pos = out.size();
        out.u16(rectCount);
        return pos;
    }

    public static void patchRectCount(OutBuffer out, int pos, int count) {
        out.patchU16(pos, count);
    }

    public static void rectHeader(OutBuffer out, Rect r, int encoding) {
        rectHeader(out, r.x(), r.y(), r.width(), r.height(), encoding);
    }

    public static void rectHeader(OutBuffer out, int x, int y, int w, int h, int encoding) {
        out.u16(x).u16(y).u16(w).u16(h).s32(encoding);
    }

    public static void setColourMapEntries(OutBuffer out, int first, int[][] rgb16) {
        out.u8(SET_COLOUR_MAP_ENTRIES).u8(0).u16(first).u16(rgb16.length);
        for (int[] c : rgb16) {
            out.u16(c[0]).u16(c[1]).u16(c[2]);
        }
    }

    public static void bell(OutBuffer out) {
        out.u8(BELL);
    }

    public static void serverCutText(OutBuffer out, byte[] latin1) {
        out.u8(SERVER_CUT_TEXT).u8(0).u8(0).u8(0).u32(latin1.length).bytes(latin1);
    }

    public static void endOfContinuousUpdates(OutBuffer out) {
        out.u8(END_OF_CONTINUOUS_UPDATES);
    }

    public static void serverFence(OutBuffer out, int flags, byte[] payload) {
        out.u8(SERVER_FENCE).u8(0).u8(0).u8(0).u32(flags).u8(payload.length).bytes(payload);
    }

    /** XVP_INIT or XVP_FAIL: {u8 250, u8 padding, u8 version, u8 code}. */
    public static void xvp(OutBuffer out, int code) {
        out.u8(XVP).u8(0).u8(XVP_VERSION).u8(code);
    }
}
