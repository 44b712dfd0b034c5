package org.vfiovnc.source.qemudbus;

import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** {@code org.qemu.Display1.Console} on {@code /org/qemu/Display1/Console_N}. */
@DBusInterfaceName("org.qemu.Display1.Console")
public interface Display1Console extends DBusInterface {
    /** Hands QEMU one end of a socket; QEMU then calls {@link Display1Listener} over it. */
    @DBusMemberName("RegisterListener")
    void registerListener(FileDescriptor listener);
}
