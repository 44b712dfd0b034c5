package org.vfiovnc.source.qemudbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vfiovnc.server.SourceCatalog;

class QemuDbusAddressTest {
    @Test
    void addressAndConsole() {
        assertEquals(new QemuDbusAddress("unix:path=/run/vm1/bus", 0), QemuDbusAddress.parse("unix:path=/run/vm1/bus"));
        assertEquals(new QemuDbusAddress("unix:path=/run/vm1/bus,guid=0123", 2),
                QemuDbusAddress.parse("unix:path=/run/vm1/bus,guid=0123,console=2"));
        assertEquals("/org/qemu/Display1/Console_2", QemuDbusAddress.parse("unix:abstract=x,console=2").consolePath());
    }

    @Test
    void mistakesSayWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QemuDbusAddress.parse(""));
        assertTrue(e.getMessage().contains("qemu-dbus:ADDRESS[,console=N]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QemuDbusAddress.parse("unix:path=/x,console=two"));
        assertTrue(e.getMessage().contains("bad console 'two'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QemuDbusAddress.parse("unix:path=/x,console=-1"));
    }

    @Test
    void sourceFactoryKnowsTheScheme() {
        assertInstanceOf(QemuDbusSource.class, SourceCatalog.create("qemu-dbus:unix:path=/nonexistent/bus,console=1"));
        assertThrows(IllegalArgumentException.class, () -> SourceCatalog.create("qemu-dbus:"));
    }
}
