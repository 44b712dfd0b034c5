package org.vfiovnc.rfb;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.protocol.ProtocolException;
import org.vfiovnc.surface.Rect;

/**
 * Parses client-to-server messages and calls a {@link ClientMessageHandler}. It holds no policy
 * beyond the limits that keep a hostile client from making the server allocate or loop without
 * bound: anything malformed is a {@link ProtocolException} naming what was wrong.
 */
public final class ClientMessageReader {
    public static final int SET_PIXEL_FORMAT = 0;
    public static final int SET_ENCODINGS = 2;
    public static final int FRAMEBUFFER_UPDATE_REQUEST = 3;
    public static final int KEY_EVENT = 4;
    public static final int POINTER_EVENT = 5;
    public static final int CLIENT_CUT_TEXT = 6;
    public static final int ENABLE_CONTINUOUS_UPDATES = 150;
    public static final int CLIENT_FENCE = 248;
    public static final int XVP = 250;
    public static final int SET_DESKTOP_SIZE = 251;
    public static final int QEMU = 255;
    /** XVP codes a client may send. */
    public static final int XVP_SHUTDOWN = 2;
    public static final int XVP_REBOOT = 3;
    public static final int XVP_RESET = 4;

    private final DataInputStream in;
    private final ClientMessageHandler handler;
    private final int maxCutText;
    private final int maxMessage;
    private volatile boolean extendedMouseButtons;
    private volatile boolean extendedClipboard;

    public ClientMessageReader(DataInputStream in, ClientMessageHandler handler, int maxCutText) {
        this(in, handler, maxCutText, 1 << 20);
    }

    /** @param maxMessage largest variable-length message (SetEncodings, SetDesktopSize) accepted, in bytes */
    public ClientMessageReader(DataInputStream in, ClientMessageHandler handler, int maxCutText, int maxMessage) {
        this.in = in;
        this.handler = handler;
        this.maxCutText = maxCutText;
        this.maxMessage = maxMessage;
    }

    private void checkSize(String what, long bytes) throws ProtocolException {
        if (bytes > maxMessage) {
            throw new ProtocolException(what + " of " + bytes + " bytes exceeds the limit of " + maxMessage);
        }
    }

    /** After the client announced ExtendedMouseButtons, a pointer event with bit 7 set carries one more byte. */
    public void setExtendedMouseButtons(boolean on) {
        extendedMouseButtons = on;
    }

    /** Once the server sent its Extended Clipboard caps, ClientCutText may have a negative length. */
    public void setExtendedClipboard(boolean on) {
        extendedClipboard = on;
    }

    /** Reads and dispatches one message; blocks until it is complete. */
    public void readMessage() throws IOException {
        int type = in.readUnsignedByte();
        switch (type) {
            case SET_PIXEL_FORMAT: {
                in.skipNBytes(3);
                byte[] pf = new byte[16];
                in.readFully(pf);
                handler.setPixelFormat(PixelFormat.parse(pf));
                break;
            }
            case SET_ENCODINGS: {
                in.skipNBytes(1);
                int n = in.readUnsignedShort();
                checkSize("SetEncodings", 4L + 4L * n);
                int[] encodings = new int[n];
                for (int i = 0; i < n; i++) {
                    encodings[i] = in.readInt();
                }
                handler.setEncodings(encodings);
                break;
            }
            case FRAMEBUFFER_UPDATE_REQUEST: {
                boolean incremental = in.readUnsignedByte() != 0;
                Rect area = readRect();
                handler.framebufferUpdateRequest(incremental, area);
                break;
            }
            case KEY_EVENT: {
                boolean down = in.readUnsignedByte() != 0;
                in.skipNBytes(2);
                handler.keyEvent(down, in.readInt());
                break;
            }
            case POINTER_EVENT: {
                int mask = in.readUnsignedByte();
                int x = in.readUnsignedShort();
                int y = in.readUnsignedShort();
                if (extendedMouseButtons && (mask & 0x80) != 0) {
                    // ExtendedMouseButtons: bit 7 flags one extra byte of buttons 8 and up.
                    int extra = in.readUnsignedByte();
                    mask = (mask & 0x7f) | (extra << 7);
                }
                handler.pointerEvent(mask, x, y);
                break;
            }
            case CLIENT_CUT_TEXT: {
                in.skipNBytes(3);
                int len = in.readInt();
                if (len < 0) {
                    readExtendedCutText(len);
                    break;
                }
                if (len > maxCutText) {
                    throw new ProtocolException("ClientCutText of " + len + " bytes exceeds the limit of " + maxCutText);
                }
                byte[] text = new byte[len];
                in.readFully(text);
                handler.clientCutText(text);
                break;
            }
            case ENABLE_CONTINUOUS_UPDATES: {
                boolean enable = in.readUnsignedByte() != 0;
                handler.enableContinuousUpdates(enable, readRect());
                break;
            }
            case CLIENT_FENCE: {
                in.skipNBytes(3);
                int flags = in.readInt();
                int len = in.readUnsignedByte();
                if (len > 64) {
                    throw new ProtocolException("ClientFence payload of " + len + " bytes (at most 64)");
                }
                byte[] payload = new byte[len];
                in.readFully(payload);
                handler.clientFence(flags, payload);
                break;
            }
            case XVP: {
                in.skipNBytes(1);
                int version = in.readUnsignedByte();
                int code = in.readUnsignedByte();
                if (version != ServerMessageWriter.XVP_VERSION) {
                    throw new ProtocolException("XVP message of version " + version + " (only 1 is spoken)");
                }
                if (code < XVP_SHUTDOWN || code > XVP_RESET) {
                    throw new ProtocolException("XVP message with code " + code + " (2 shutdown, 3 reboot, 4 reset)");
                }
                handler.xvp(code);
                break;
            }
            case SET_DESKTOP_SIZE: {
                in.skipNBytes(1);
                int w = in.readUnsignedShort();
                int h = in.readUnsignedShort();
                int n = in.readUnsignedByte();
                in.skipNBytes(1);
                checkSize("SetDesktopSize", 8L + 16L * n);
                List<ClientMessageHandler.Screen> screens = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    screens.add(new ClientMessageHandler.Screen(in.readInt(), in.readUnsignedShort(),
                            in.readUnsignedShort(), in.readUnsignedShort(), in.readUnsignedShort(), in.readInt()));
                }
                handler.setDesktopSize(w, h, screens);
                break;
            }
            case QEMU: {
                int sub = in.readUnsignedByte();
                if (sub != 0) {
                    throw new ProtocolException("QEMU client message subtype " + sub + " was not negotiated");
                }
                boolean down = in.readUnsignedShort() != 0;
                int keysym = in.readInt();
                int scancode = in.readInt();
                handler.qemuExtendedKeyEvent(down, keysym, scancode);
                break;
            }
            default:
                throw new ProtocolException("unknown client message type " + type);
        }
    }

    /** Extended Clipboard: -{@code negativeLength} bytes, a flags word and what follows it. */
    private void readExtendedCutText(int negativeLength) throws IOException {
        if (!extendedClipboard) {
            throw new ProtocolException("ClientCutText with extended-clipboard length " + negativeLength
                    + " that was not negotiated");
        }
        long len = -(long) negativeLength;
        // Caps, notify, request and peek are small whatever the text limit.
        long max = Math.max(maxCutText, 256);
        if (len < 4 || len > max) {
            throw new ProtocolException("extended ClientCutText of " + len + " bytes (4 to " + max + " allowed)");
        }
        int flags = in.readInt();
        byte[] body = new byte[(int) len - 4];
        in.readFully(body);
        handler.clientCutTextExtended(flags, body);
    }

    private Rect readRect() throws IOException {
        int x = in.readUnsignedShort();
        int y = in.readUnsignedShort();
        int w = in.readUnsignedShort();
        int h = in.readUnsignedShort();
        return new Rect(x, y, w, h);
    }
}
