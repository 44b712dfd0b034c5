package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.input.QmpInputSink;
import org.vfiovnc.qmp.QmpAddress;
import org.vfiovnc.qmp.QmpClient;
import org.vfiovnc.server.GuestLinks;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.demo.DemoSource;

/** serve picks the input path: --qmp when given, else a qemu-dbus source's own console, else none. */
class InputSelectionTest {
    @Test
    void qemuDbusSourceSendsInputThroughItsConsoleUnlessViewOnlyOrQmp() throws Exception {
        DisplaySource dbus = SourceCatalog.create("qemu-dbus:unix:path=/nonexistent/bus");
        try (InputSink sink = GuestLinks.input(null, false, dbus)) {
            assertEquals("QemuDbusInputSink", sink.getClass().getSimpleName());
        }
        assertSame(NoInputSink.INSTANCE, GuestLinks.input(null, true, dbus));
        try (QmpClient qmp = new QmpClient(QmpAddress.parse("unix:/nonexistent/qmp"));
             InputSink sink = GuestLinks.input(qmp, false, dbus)) {
            assertEquals(QmpInputSink.class, sink.getClass());
        }
        assertSame(NoInputSink.INSTANCE, GuestLinks.input(null, false, new DemoSource(64, 64, true)));
    }
}
