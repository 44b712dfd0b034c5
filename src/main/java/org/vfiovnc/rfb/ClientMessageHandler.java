package org.vfiovnc.rfb;

import java.util.List;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.protocol.ProtocolException;
import org.vfiovnc.surface.Rect;

/** One method per client-to-server message; {@link ClientMessageReader} calls them after parsing. */
public interface ClientMessageHandler {

    void setPixelFormat(PixelFormat format) throws ProtocolException;

    void setEncodings(int[] encodings);

    void framebufferUpdateRequest(boolean incremental, Rect area);

    void keyEvent(boolean down, int keysym);

    /** {@code buttons} includes the extra buttons of ExtendedMouseButtons in bits 7 and 8. */
    void pointerEvent(int buttons, int x, int y);

    /** Latin-1 text from the viewer's clipboard (already bounded by the reader's limit). */
    void clientCutText(byte[] text);

    /**
     * An Extended Clipboard ClientCutText (negative length): its flags and the bytes after them
     * (bounded by the reader's limit). Only after {@link ClientMessageReader#setExtendedClipboard}.
     */
    default void clientCutTextExtended(int flags, byte[] body) throws ProtocolException {
        throw new ProtocolException("extended clipboard message without the extension");
    }

    /**
     * An XVP request: {@code code} is {@link ClientMessageReader#XVP_SHUTDOWN}, {@code XVP_REBOOT} or
     * {@code XVP_RESET} (the reader closes on any other code or version).
     */
    default void xvp(int code) throws ProtocolException {
        throw new ProtocolException("XVP message without the extension");
    }

    void enableContinuousUpdates(boolean enable, Rect area) throws ProtocolException;

    void clientFence(int flags, byte[] payload) throws ProtocolException;

    void setDesktopSize(int width, int height, List<Screen> screens) throws ProtocolException;

    void qemuExtendedKeyEvent(boolean down, int keysym, int scancode) throws ProtocolException;

    /** A screen of ExtendedDesktopSize / SetDesktopSize. */
    record Screen(int id, int x, int y, int width, int height, int flags) {}
}
