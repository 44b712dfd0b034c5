package org.vfiovnc.source.qemudbus;

import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;

/** {@code org.qemu.Display1.Console} on {@code /org/qemu/Display1/Console_N}. */
@DBusInterfaceName("org.qemu.Display1.Console")
public interface Display1Console extends DBusInterface {
    /** Hands QEMU one end of a socket; QEMU then calls {@link Display1Listener} over it. */
    @DBusMemberName("RegisterListener")
    void registerListener(FileDescriptor listener);

    /**
     * Tells the display device the size of the window showing it. A device that can follow (virtio-gpu)
     * passes it to the guest as its preferred mode; others answer {@code org.qemu.Display1.Error.Unsupported}.
     */
    @DBusMemberName("SetUIInfo")
    void setUiInfo(UInt16 widthMm, UInt16 heightMm, int xOffset, int yOffset, UInt32 width, UInt32 height);
}
