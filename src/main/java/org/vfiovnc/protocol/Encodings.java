package org.vfiovnc.protocol;

/** RFB encoding and pseudo-encoding numbers (RFB 3.8 and the community registry). */
public final class Encodings {
    public static final int RAW = 0;
    public static final int COPY_RECT = 1;
    public static final int RRE = 2;
    public static final int HEXTILE = 5;
    public static final int ZLIB = 6;
    public static final int TIGHT = 7;
    public static final int ZRLE = 16;
    /** H.264 Annex-B video per rectangle (noVNC 1.5+; length, flags, NAL units). */
    public static final int H264 = 50;
    public static final int TIGHT_PNG = -260;

    public static final int JPEG_QUALITY_LOWEST = -32;
    public static final int JPEG_QUALITY_HIGHEST = -23;
    public static final int COMPRESS_LEVEL_LOWEST = -256;
    public static final int COMPRESS_LEVEL_HIGHEST = -247;
    public static final int DESKTOP_SIZE = -223;
    public static final int LAST_RECT = -224;
    public static final int CURSOR = -239;
    public static final int X_CURSOR = -240;
    public static final int QEMU_POINTER_MOTION_CHANGE = -257;
    public static final int QEMU_EXTENDED_KEY_EVENT = -258;
    public static final int QEMU_LED_STATE = -261;
    public static final int DESKTOP_NAME = -307;
    public static final int EXTENDED_DESKTOP_SIZE = -308;
    /** XVP: power actions on the VM (server and client message 250). */
    public static final int XVP = -309;
    public static final int FENCE = -312;
    public static final int CONTINUOUS_UPDATES = -313;
    public static final int CURSOR_WITH_ALPHA = -314;
    public static final int EXTENDED_MOUSE_BUTTONS = -316;
    /** Extended Clipboard: UTF-8 text, caps/request/peek/notify/provide (0xC0A1E5CE). */
    public static final int EXTENDED_CLIPBOARD = 0xC0A1E5CE;

    private Encodings() {}

    public static String name(int e) {
        switch (e) {
            case RAW: return "Raw";
            case COPY_RECT: return "CopyRect";
            case RRE: return "RRE";
            case HEXTILE: return "Hextile";
            case ZLIB: return "Zlib";
            case TIGHT: return "Tight";
            case ZRLE: return "ZRLE";
            case H264: return "H.264";
            case TIGHT_PNG: return "TightPNG";
            default: return Integer.toString(e);
        }
    }
}
