package org.vfiovnc.server;

import java.util.logging.Logger;
import org.vfiovnc.input.ClipboardDirection;
import org.vfiovnc.input.GuestClipboard;
import org.vfiovnc.input.GuestLink;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.input.PowerControl;
import org.vfiovnc.input.QmpInputSink;
import org.vfiovnc.input.QmpPowerControl;
import org.vfiovnc.input.TextTyper;
import org.vfiovnc.input.TypingClipboard;
import org.vfiovnc.qmp.GuestAgent;
import org.vfiovnc.qmp.QmpClient;
import org.vfiovnc.rfb.PowerAccess;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.qemudbus.QemuDbusSource;

/**
 * Connects a display's viewers to its VM as a {@link GuestPlan} says: input through QMP or the
 * qemu-dbus console, power actions through QMP (and the guest agent), the clipboard through the
 * qemu-dbus console or typed as keys. One QMP connection is shared by input and power.
 */
public final class GuestLinks {
    private static final Logger LOG = Logger.getLogger(GuestLinks.class.getName());

    private GuestLinks() {}

    /** Everything viewers may ask of the VM behind {@code source}; closing the link closes its parts. */
    public static GuestLink connect(GuestPlan plan, DisplaySource source, PowerAccess power) {
        QmpClient qmp = plan.qmp() != null ? new QmpClient(plan.qmp()) : null;
        try {
            InputSink input = input(qmp, plan.viewOnly(), source);
            return new GuestLink(input, power(plan, power, qmp), clipboard(plan, source, input));
        } finally {
            if (qmp != null) {
                qmp.close(); // input and power hold shares of their own
            }
        }
    }

    /**
     * The input sink: a share of {@code qmp} when given (none when view-only); without it, a
     * qemu-dbus source sends input through its own console.
     */
    public static InputSink input(QmpClient qmp, boolean viewOnly, DisplaySource source) {
        if (viewOnly) {
            return NoInputSink.INSTANCE;
        }
        if (qmp == null) {
            return source instanceof QemuDbusSource q ? q.inputSink() : NoInputSink.INSTANCE;
        }
        return new QmpInputSink(qmp.share());
    }

    /** The power control behind {@code qmp} (a share of it), or none when nobody may use power actions. */
    private static PowerControl power(GuestPlan plan, PowerAccess access, QmpClient qmp) {
        if (!access.enabled() || qmp == null) {
            return PowerControl.NONE;
        }
        GuestAgent agent = plan.guestAgent() != null ? new GuestAgent(plan.guestAgent()) : null;
        LOG.info("power control for " + access.describe() + " through QMP " + qmp.address()
                + (agent != null ? "; reboot through the guest agent " + agent.address() : "; no reboot (no --guest-agent)"));
        return new QmpPowerControl(qmp.share(), agent);
    }

    /** The guest clipboard for {@code source}, typing through {@code input} when asked, limited to the plan's direction. */
    public static GuestClipboard clipboard(GuestPlan plan, DisplaySource source, InputSink input) {
        ClipboardDirection direction = plan.clipboard();
        GuestClipboard guest = source instanceof QemuDbusSource q && direction != ClipboardDirection.OFF
                ? q.clipboard(plan.maxCutText()) : GuestClipboard.NONE;
        if (plan.pasteAsKeys()) {
            guest = new TypingClipboard(new TextTyper(input, TextTyper.DEFAULT_EVENT_INTERVAL_MS, plan.maxCutText()), guest);
        }
        LOG.info("clipboard: " + direction.label()
                + (guest.available() ? "" : " (no guest clipboard: viewers' clipboards are not shared)")
                + (plan.pasteAsKeys() ? "; viewer clipboard text is typed into the guest" : ""));
        return guest.limitedTo(direction);
    }
}
