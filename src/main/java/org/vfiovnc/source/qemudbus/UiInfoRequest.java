package org.vfiovnc.source.qemudbus;

import java.util.logging.Logger;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.vfiovnc.surface.SizeRequest;

/**
 * A viewer's size as QEMU's {@code Console.SetUIInfo}: the window size a display device may pass to
 * its guest. virtio-gpu does (a display-change event; the guest driver re-reads the preferred mode
 * and its desktop or console takes it); devices whose mode is the guest's alone (VGA, a vGPU)
 * answer Unsupported, which is the viewer's "prohibited".
 */
final class UiInfoRequest {
    private static final Logger LOG = Logger.getLogger(UiInfoRequest.class.getName());
    /** Viewers do not say how large their screen is: the physical size QEMU puts in EDID assumes 96 dpi. */
    private static final double MM_PER_PIXEL = 25.4 / 96;
    private static final String ERROR_PREFIX = "org.qemu.Display1.Error.";

    private UiInfoRequest() {}

    /** Sends {@code width} x {@code height} at offset 0,0; {@code console} null: not attached now. */
    static SizeRequest send(Display1Console console, int width, int height) {
        if (console == null) {
            return SizeRequest.UNAVAILABLE;
        }
        try {
            console.setUiInfo(new UInt16(millimetres(width)), new UInt16(millimetres(height)), 0, 0,
                    new UInt32(width), new UInt32(height));
            return SizeRequest.ACCEPTED;
        } catch (DBusExecutionException e) {
            return refusal(e.getType(), e.getMessage());
        } catch (RuntimeException e) {
            // The bus connection went away under us: the source reattaches on its next frame.
            LOG.fine("SetUIInfo " + width + "x" + height + ": " + e);
            return SizeRequest.UNAVAILABLE;
        }
    }

    /** QEMU's error name (and message, for the log) as what became of the request. */
    static SizeRequest refusal(String errorName, String message) {
        LOG.fine("SetUIInfo refused: " + errorName + ": " + message);
        if ((ERROR_PREFIX + "Unsupported").equals(errorName)) {
            return SizeRequest.PROHIBITED;
        }
        if ((ERROR_PREFIX + "Invalid").equals(errorName)) {
            return SizeRequest.INVALID;
        }
        return SizeRequest.UNAVAILABLE;
    }

    static int millimetres(int pixels) {
        return (int) Math.min(0xffff, Math.round(pixels * MM_PER_PIXEL));
    }
}
