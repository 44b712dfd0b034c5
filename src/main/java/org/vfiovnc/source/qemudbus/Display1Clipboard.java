package org.vfiovnc.source.qemudbus;

import java.util.List;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;

/**
 * {@code org.qemu.Display1.Clipboard} (QEMU 7.2's ui/dbus-display1.xml): both QEMU and its one
 * registered client implement it on {@code /org/qemu/Display1/Clipboard} and call each other.
 * Selection 0 is the clipboard; grabs carry a serial, the highest wins.
 */
@DBusInterfaceName("org.qemu.Display1.Clipboard")
public interface Display1Clipboard extends DBusInterface {
    String PATH = "/org/qemu/Display1/Clipboard";
    /** The only MIME type QEMU's clipboard carries. */
    String TEXT = "text/plain;charset=utf-8";

    /** Client to QEMU: take the clipboard session. QEMU to client: the serial counter starts again. */
    @DBusMemberName("Register")
    void register();

    @DBusMemberName("Unregister")
    void unregister();

    /** The caller's side now holds content of these MIME types. */
    @DBusMemberName("Grab")
    void grab(UInt32 selection, UInt32 serial, List<String> mimes);

    @DBusMemberName("Release")
    void release(UInt32 selection);

    /** The content, in the first of {@code mimes} the holder has. */
    @DBusMemberName("Request")
    Content<String, byte[]> request(UInt32 selection, List<String> mimes);

    /** Request's two results: the MIME type and the data. */
    final class Content<M, D> extends Tuple {
        @Position(0)
        private final M mime;
        @Position(1)
        private final D data;

        public Content(M mime, D data) {
            this.mime = mime;
            this.data = data;
        }

        public M getMime() {
            return mime;
        }

        public D getData() {
            return data;
        }
    }
}
