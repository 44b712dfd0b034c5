package org.vfiovnc.cli;

import org.vfiovnc.input.ClipboardDirection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** A display's clipboard options: which way text may travel, and paste as typing (wired by server.GuestLinks). */
final class ClipboardOptions {
    @Option(names = "--clipboard", paramLabel = "WAY", defaultValue = "both",
            description = "Clipboard text between viewers and the guest: off, to-guest, from-guest, both "
                    + "(default: ${DEFAULT-VALUE}; needs a guest clipboard: qemu-dbus with qemu-vdagent, or --paste-as-keys).")
    String clipboard;

    @Option(names = "--paste-as-keys",
            description = "Type text viewers put on their clipboard into the guest as key presses (US layout), "
                    + "for guests without a clipboard agent. Off by default: every viewer copy becomes keystrokes.")
    boolean pasteAsKeys;

    /** The direction clipboard text may travel; refuses typing where viewers have no input or text no way in. */
    ClipboardDirection direction(CommandSpec spec, boolean viewOnly) {
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
        return direction;
    }
}
