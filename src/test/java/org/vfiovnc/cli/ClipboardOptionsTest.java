package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vfiovnc.input.ClipboardDirection;
import org.vfiovnc.input.GuestClipboard;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.server.GuestLinks;
import org.vfiovnc.server.GuestPlan;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.demo.DemoSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * --clipboard and --paste-as-keys: a qemu-dbus source brings QEMU's clipboard, other sources none;
 * typing is only on when asked for, and never with --view-only or without the to-guest direction.
 */
class ClipboardOptionsTest {
    private final CommandLine.Model.CommandSpec spec = new CommandLine(new ServeCommand()).getCommandSpec();
    private final DisplaySource demo = new DemoSource(64, 64, true);

    /** The options for {@code way} and {@code keys}, checked and wired as a display wires them. */
    private static Options options(String way, boolean keys) {
        ClipboardOptions o = new ClipboardOptions();
        o.clipboard = way;
        o.pasteAsKeys = keys;
        return new Options(o);
    }

    private record Options(ClipboardOptions options) {
        GuestClipboard build(CommandLine.Model.CommandSpec spec, DisplaySource source, InputSink input, boolean viewOnly,
                             int maxCutText) {
            ClipboardDirection direction = options.direction(spec, viewOnly);
            return GuestLinks.clipboard(new GuestPlan(null, viewOnly, null, direction, options.pasteAsKeys, maxCutText),
                    source, input);
        }
    }

    @Test
    void defaultsShareOnlyWhatAGuestClipboardOffers() throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        assertEquals("both", serve.display.clipboard.clipboard);
        assertFalse(serve.display.clipboard.pasteAsKeys);
        GuestClipboard none = options("both", false).build(spec, demo, NoInputSink.INSTANCE, false, 1000);
        assertFalse(none.available() || none.toGuest() || none.fromGuest(), "no guest clipboard, no typing");
        DisplaySource dbus = SourceCatalog.create("qemu-dbus:unix:path=/nonexistent/bus");
        try (GuestClipboard q = options("both", false).build(spec, dbus, NoInputSink.INSTANCE, false, 1000)) {
            assertEquals("QemuDbusClipboard", q.getClass().getSimpleName());
            assertTrue(q.toGuest() && q.fromGuest());
        }
        try (GuestClipboard q = options("from-guest", false).build(spec, dbus, NoInputSink.INSTANCE, false, 1000)) {
            assertTrue(q.fromGuest() && !q.toGuest());
        }
        GuestClipboard off = options("off", false).build(spec, dbus, NoInputSink.INSTANCE, false, 1000);
        assertFalse(off.toGuest() || off.fromGuest());
    }

    @Test
    void pasteAsKeysTypesViewerTextOnlyWhenAllowed() {
        try (GuestClipboard typing = options("to-guest", true).build(spec, demo, NoInputSink.INSTANCE, false, 1000)) {
            assertTrue(typing.toGuest());
            assertFalse(typing.fromGuest());
        }
        assertTrue(assertThrows(ParameterException.class,
                () -> options("both", true).build(spec, demo, NoInputSink.INSTANCE, true, 1000))
                .getMessage().contains("--view-only"));
        assertTrue(assertThrows(ParameterException.class,
                () -> options("from-guest", true).build(spec, demo, NoInputSink.INSTANCE, false, 1000))
                .getMessage().contains("to-guest"));
        assertTrue(assertThrows(ParameterException.class,
                () -> options("sideways", false).build(spec, demo, NoInputSink.INSTANCE, false, 1000))
                .getMessage().contains("off, to-guest, from-guest or both"));
    }
}
