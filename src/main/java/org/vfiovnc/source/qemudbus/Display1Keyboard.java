package org.vfiovnc.source.qemudbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;

/** {@code org.qemu.Display1.Keyboard}: key numbers are QEMU's "qnum" (XT scancode, 0x80 for the e0 prefix). */
@DBusInterfaceName("org.qemu.Display1.Keyboard")
public interface Display1Keyboard extends DBusInterface {
    @DBusMemberName("Press")
    void press(UInt32 keycode);

    @DBusMemberName("Release")
    void release(UInt32 keycode);
}
