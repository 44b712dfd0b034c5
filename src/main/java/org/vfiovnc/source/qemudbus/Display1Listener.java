package org.vfiovnc.source.qemudbus;

import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;

/**
 * The client-side interface QEMU calls on {@code /org/qemu/Display1/Listener} over the peer-to-peer
 * connection handed to {@code Console.RegisterListener} (signatures as in QEMU 7.2's
 * ui/dbus-display1.xml).
 */
@DBusInterfaceName("org.qemu.Display1.Listener")
public interface Display1Listener extends DBusInterface {
    /** A new surface: size, stride, pixman format code and all its pixels. */
    @DBusMemberName("Scanout")
    void scanout(UInt32 width, UInt32 height, UInt32 stride, UInt32 pixmanFormat, byte[] data);

    /** Pixels of one changed rectangle of the current surface. */
    @DBusMemberName("Update")
    void update(int x, int y, int width, int height, UInt32 stride, UInt32 pixmanFormat, byte[] data);

    /** A new surface held in a dma-buf (QEMU with gl=on). */
    @DBusMemberName("ScanoutDMABUF")
    void scanoutDmabuf(FileDescriptor fd, UInt32 width, UInt32 height, UInt32 stride, UInt32 fourcc,
            UInt64 modifier, boolean y0Top);

    /** The dma-buf's content changed in this rectangle. */
    @DBusMemberName("UpdateDMABUF")
    void updateDmabuf(int x, int y, int width, int height);

    /** The display is off. */
    @DBusMemberName("Disable")
    void disable();

    /** Pointer position and visibility. */
    @DBusMemberName("MouseSet")
    void mouseSet(int x, int y, int on);

    /** Pointer shape: ARGB32 pixels in native (little-endian) order. */
    @DBusMemberName("CursorDefine")
    void cursorDefine(int width, int height, int hotX, int hotY, byte[] data);
}
