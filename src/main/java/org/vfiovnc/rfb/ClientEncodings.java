package org.vfiovnc.rfb;

import java.util.HashMap;
import java.util.Map;
import org.vfiovnc.encoding.Encoder;
import org.vfiovnc.encoding.HextileEncoder;
import org.vfiovnc.encoding.RawEncoder;
import org.vfiovnc.encoding.RreEncoder;
import org.vfiovnc.encoding.TightEncoder;
import org.vfiovnc.encoding.ZlibEncoder;
import org.vfiovnc.encoding.ZrleEncoder;
import org.vfiovnc.protocol.Encodings;

/**
 * What one client announced with SetEncodings: its preferred pixel encoding, the pseudo-encodings
 * it understands, quality and compression levels. Keeps the client's encoder instances, because
 * stateful ones (zlib streams) must live as long as the connection, across SetEncodings.
 */
public final class ClientEncodings {
    private final Map<Integer, Encoder> encoders = new HashMap<>();
    private int preferred = Encodings.RAW;
    private boolean copyRect;
    private boolean desktopSize;
    private boolean extendedDesktopSize;
    private boolean cursor;
    private boolean cursorWithAlpha;
    private boolean lastRect;
    private boolean desktopName;
    private boolean continuousUpdates;
    private boolean fence;
    private boolean qemuExtendedKey;
    private boolean qemuLedState;
    private boolean qemuPointerMotionChange;
    private boolean extendedMouseButtons;
    private boolean xvp;
    private boolean h264;
    private int jpegQuality = -1;
    private int compressLevel = -1;

    /**
     * zlib level when the client names none: TigerVNC's servers use 2 then (most viewers that want
     * ZRLE, libvncclient's among them, send no CompressLevel with it); deflate at 6 costs about
     * twice the time for a few percent fewer bytes on desktop content.
     */
    static final int DEFAULT_ZLIB_LEVEL = 2;

    /** Encodings this server can produce for pixel data, in no particular order. */
    static boolean isSupportedPixelEncoding(int e) {
        return e == Encodings.RAW || e == Encodings.RRE || e == Encodings.HEXTILE || e == Encodings.ZLIB
                || e == Encodings.ZRLE || e == Encodings.TIGHT || e == Encodings.TIGHT_PNG;
    }

    public void set(int[] list) {
        preferred = -1;
        copyRect = desktopSize = extendedDesktopSize = cursor = cursorWithAlpha = lastRect = false;
        desktopName = continuousUpdates = fence = qemuExtendedKey = qemuLedState = false;
        qemuPointerMotionChange = extendedMouseButtons = xvp = h264 = false;
        jpegQuality = compressLevel = -1;
        for (int e : list) {
            if (preferred < 0 && isSupportedPixelEncoding(e)) {
                preferred = e;
            }
            if (e >= Encodings.JPEG_QUALITY_LOWEST && e <= Encodings.JPEG_QUALITY_HIGHEST && jpegQuality < 0) {
                jpegQuality = e - Encodings.JPEG_QUALITY_LOWEST;
            }
            if (e >= Encodings.COMPRESS_LEVEL_LOWEST && e <= Encodings.COMPRESS_LEVEL_HIGHEST && compressLevel < 0) {
                compressLevel = e - Encodings.COMPRESS_LEVEL_LOWEST;
            }
            switch (e) {
                case Encodings.COPY_RECT: copyRect = true; break;
                case Encodings.DESKTOP_SIZE: desktopSize = true; break;
                case Encodings.EXTENDED_DESKTOP_SIZE: extendedDesktopSize = true; break;
                case Encodings.CURSOR: cursor = true; break;
                case Encodings.CURSOR_WITH_ALPHA: cursorWithAlpha = true; break;
                case Encodings.LAST_RECT: lastRect = true; break;
                case Encodings.DESKTOP_NAME: desktopName = true; break;
                case Encodings.CONTINUOUS_UPDATES: continuousUpdates = true; break;
                case Encodings.FENCE: fence = true; break;
                case Encodings.QEMU_EXTENDED_KEY_EVENT: qemuExtendedKey = true; break;
                case Encodings.QEMU_LED_STATE: qemuLedState = true; break;
                case Encodings.QEMU_POINTER_MOTION_CHANGE: qemuPointerMotionChange = true; break;
                case Encodings.EXTENDED_MOUSE_BUTTONS: extendedMouseButtons = true; break;
                case Encodings.XVP: xvp = true; break;
                case Encodings.H264: h264 = true; break;
                default: break;
            }
        }
        if (preferred < 0) {
            preferred = Encodings.RAW;
        }
        // Encoders kept from before follow the new levels; their streams continue.
        for (Encoder e : encoders.values()) {
            e.configure(zlibLevel(), jpegQuality);
        }
    }

    /**
     * The zlib level of the client's CompressLevel pseudo-encoding, else {@link #DEFAULT_ZLIB_LEVEL}.
     * Level 0 becomes 1: zlib's level 0 only stores, which a viewer asking for speed does not want.
     */
    int zlibLevel() {
        return compressLevel >= 0 ? Math.max(1, compressLevel) : DEFAULT_ZLIB_LEVEL;
    }

    /** One line for the log: the chosen pixel encoding and the extensions this client announced. */
    public String describe() {
        StringBuilder b = new StringBuilder("pixel encoding ").append(Encodings.name(preferred));
        if (h264) {
            b.append(" (H.264 for video)");
        }
        String[] names = {"CopyRect", "DesktopSize", "ExtendedDesktopSize", "Cursor", "CursorWithAlpha", "LastRect",
            "DesktopName", "ContinuousUpdates", "Fence", "QEMUExtendedKeyEvent", "QEMULedState",
            "QEMUPointerMotionChange", "ExtendedMouseButtons"};
        boolean[] on = {copyRect, desktopSize, extendedDesktopSize, cursor, cursorWithAlpha, lastRect, desktopName,
            continuousUpdates, fence, qemuExtendedKey, qemuLedState, qemuPointerMotionChange, extendedMouseButtons};
        b.append("; extensions:");
        for (int i = 0; i < names.length; i++) {
            if (on[i]) {
                b.append(' ').append(names[i]);
            }
        }
        if (xvp) {
            b.append(" XVP");
        }
        if (jpegQuality >= 0) {
            b.append("; JPEG quality ").append(jpegQuality);
        }
        if (compressLevel >= 0) {
            b.append("; compression ").append(compressLevel);
        }
        return b.toString();
    }

    /** The encoder for pixel rectangles, created on first use and kept. */
    public Encoder pixelEncoder() {
        return encoders.computeIfAbsent(preferred, this::create);
    }

    private Encoder create(int e) {
        Encoder encoder = switch (e) {
            case Encodings.RRE -> new RreEncoder();
            case Encodings.HEXTILE -> new HextileEncoder();
            case Encodings.ZLIB -> new ZlibEncoder(zlibLevel());
            case Encodings.ZRLE -> new ZrleEncoder(zlibLevel());
            case Encodings.TIGHT, Encodings.TIGHT_PNG -> new TightEncoder(e == Encodings.TIGHT_PNG);
            default -> new RawEncoder();
        };
        encoder.configure(zlibLevel(), jpegQuality);
        return encoder;
    }

    /** Releases native state (zlib). */
    public void close() {
        for (Encoder e : encoders.values()) {
            e.close();
        }
        encoders.clear();
    }

    public int preferred() { return preferred; }
    public boolean copyRect() { return copyRect; }
    public boolean desktopSize() { return desktopSize; }
    public boolean extendedDesktopSize() { return extendedDesktopSize; }
    /** Whether the client takes cursor shapes (Cursor or CursorWithAlpha). */
    public boolean cursor() { return cursor || cursorWithAlpha; }
    public boolean cursorWithAlpha() { return cursorWithAlpha; }
    public boolean lastRect() { return lastRect; }
    public boolean desktopName() { return desktopName; }
    public boolean continuousUpdates() { return continuousUpdates; }
    public boolean fence() { return fence; }
    public boolean qemuExtendedKey() { return qemuExtendedKey; }
    public boolean qemuLedState() { return qemuLedState; }
    public boolean qemuPointerMotionChange() { return qemuPointerMotionChange; }
    public boolean extendedMouseButtons() { return extendedMouseButtons; }
    /** Whether the client takes XVP (power actions). */
    public boolean xvp() { return xvp; }
    /** Whether the client listed H.264 (encoding 50): it may get the screen's moving areas as video. */
    public boolean h264() { return h264; }
    /** 0..9, or -1 when the client sent no JPEG quality level. */
    public int jpegQuality() { return jpegQuality; }
    /** 0..9, or -1 when the client sent no compression level. */
    public int compressLevel() { return compressLevel; }
}
