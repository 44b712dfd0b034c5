package org.vfiovnc.source.qemudbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;

/** {@code org.qemu.Display1.Mouse}: buttons 0 left, 1 middle, 2 right, 3/4 wheel up/down, 5 side, 6 extra. */
@DBusInterfaceName("org.qemu.Display1.Mouse")
public interface Display1Mouse extends DBusInterface {
    @DBusMemberName("Press")
    void press(UInt32 button);

    @DBusMemberName("Release")
    void release(UInt32 button);

    /** Absolute position in console pixels; QEMU refuses it while the guest's mouse is relative. */
    @DBusMemberName("SetAbsPosition")
    void setAbsPosition(UInt32 x, UInt32 y);

    @DBusMemberName("RelMotion")
    void relMotion(int dx, int dy);
}
