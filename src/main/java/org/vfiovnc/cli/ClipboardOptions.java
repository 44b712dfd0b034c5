package org.vfiovnc.cli;

import java.util.logging.Logger;
import org.vfiovnc.input.ClipboardDirection;
import org.vfiovnc.input.GuestClipboard;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.input.TextTyper;
import org.vfiovnc.input.TypingClipboard;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.qemudbus.QemuDbusSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code serve}'s clipboard options: which way text may travel, and paste as typing. */
final class ClipboardOptions {
    private static final Logger LOG = Logger.getLogger(ClipboardOptions.class.getName());

    @Option(names = "--clipboard", paramLabel = "WAY", defaultValue = "both",
            description = "Clipboard text between viewers and the guest: off, to-guest, from-guest, both "
                    + "(default: ${DEFAULT-VALUE}; needs a guest clipboard: qemu-dbus with qemu-vdagent, or --paste-as-keys).")
    String clipboard;

    @Option(names = "--paste-as-keys",
            description = "Type text viewers put on their clipboard into the guest as key presses (US layout), "
                    + "for guests without a clipboard agent. Off by default: every viewer copy becomes keystrokes.")
    boolean pasteAsKeys;

    /** The guest clipboard the options describe for {@code source}, typing through {@code input}. */
    GuestClipboard build(CommandSpec spec, DisplaySource source, InputSink input, boolean viewOnly, int maxCutText) {
        ClipboardDirection direction;
        try {
            direction = ClipboardDirection.parse(clipboard);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--clipboard: " + e.getMessage());
        }
        if (pasteAsKeys && (viewOnly || !direction.toGuest())) {
            throw new ParameterException(spec.commandLine(), "--paste-as-keys types viewer text into the guest: it needs "
                    + "input (no --view-only) and --clipboard to-guest or both");
        }
        GuestClipboard guest = source instanceof QemuDbusSource q && direction != ClipboardDirection.OFF
                ? q.clipboard(maxCutText) : GuestClipboard.NONE;
        if (pasteAsKeys) {
            guest = new TypingClipboard(new TextTyper(input, TextTyper.DEFAULT_EVENT_INTERVAL_MS, maxCutText), guest);
        }
        LOG.info("clipboard: " + direction.label()
                + (guest.available() ? "" : " (no guest clipboard: viewers' clipboards are not shared)")
                + (pasteAsKeys ? "; viewer clipboard text is typed into the guest" : ""));
        return guest.limitedTo(direction);
    }
}
