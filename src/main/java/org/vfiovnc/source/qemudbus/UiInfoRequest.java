package org.vfiovnc.source.qemudbus;

import java.util.logging.Logger;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.Error;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.vfiovnc.surface.SizeRequest;

/**
 * A viewer's size as QEMU's {@code org.qemu.Display1.Console.SetUIInfo(qqiiuu)}: the window size a
 * display device may pass to its guest. virtio-gpu does (a display-change event; the guest driver
 * re-reads the preferred mode and its desktop or console takes it); devices whose mode is the
 * guest's alone (VGA, a vGPU) answer {@code org.qemu.Display1.Error.Unsupported}: "prohibited".
 * Sent as a plain message rather than through a proxy, because dbus-java's proxies drop the error's
 * name, and with a short wait, because a viewer's thread waits for it.
 */
final class UiInfoRequest {
    private static final Logger LOG = Logger.getLogger(UiInfoRequest.class.getName());
    /** Viewers do not say how large their screen is: the physical size QEMU puts in EDID assumes 96 dpi. */
    private static final double MM_PER_PIXEL = 25.4 / 96;
    private static final String ERROR_PREFIX = "org.qemu.Display1.Error.";
    private static final long REPLY_TIMEOUT_MS = 2000;

    private final DBusConnection bus;
    private final String consolePath;

    UiInfoRequest(DBusConnection bus, String consolePath) {
        this.bus = bus;
        this.consolePath = consolePath;
    }

    /** Sends {@code width} x {@code height} at offset 0,0 and waits for QEMU's answer. */
    SizeRequest send(int width, int height) {
        Message reply;
        try {
            MethodCall call = bus.getMessageFactory().createMethodCall(Attachment.BUS_NAME, consolePath,
                    "org.qemu.Display1.Console", "SetUIInfo", (byte) 0, "qqiiuu",
                    new UInt16(millimetres(width)), new UInt16(millimetres(height)), 0, 0,
                    new UInt32(width), new UInt32(height));
            bus.sendMessage(call);
            reply = call.getReply(REPLY_TIMEOUT_MS);
        } catch (DBusException | RuntimeException e) {
            // The bus connection went away under us: the source attaches again on its next frame.
            LOG.fine("SetUIInfo " + width + "x" + height + ": " + e);
            return SizeRequest.UNAVAILABLE;
        }
        if (reply == null) {
            LOG.fine("SetUIInfo " + width + "x" + height + ": no answer in " + REPLY_TIMEOUT_MS + " ms");
            return SizeRequest.UNAVAILABLE;
        }
        return reply instanceof Error e ? refusal(e.getName()) : SizeRequest.ACCEPTED;
    }

    /** QEMU's error name as what became of the request. */
    static SizeRequest refusal(String errorName) {
        LOG.fine("SetUIInfo refused: " + errorName);
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
