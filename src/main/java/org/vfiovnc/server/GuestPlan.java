package org.vfiovnc.server;

import org.vfiovnc.input.ClipboardDirection;
import org.vfiovnc.qmp.QmpAddress;

/**
 * What viewers may reach of one VM, checked and not yet connected: where keyboard, pointer and
 * power actions go, and how the clipboard travels.
 *
 * @param qmp         QEMU's QMP monitor (input, power), or null: a qemu-dbus source then takes input
 *                    through its own console, other sources get none
 * @param viewOnly    viewers' input is dropped
 * @param guestAgent  the guest agent for reboots, or null
 * @param clipboard   which way clipboard text may travel
 * @param pasteAsKeys viewer clipboard text is typed into the guest
 * @param maxCutText  the largest clipboard text taken from a viewer (and typed)
 */
public record GuestPlan(QmpAddress qmp, boolean viewOnly, QmpAddress guestAgent, ClipboardDirection clipboard,
                        boolean pasteAsKeys, int maxCutText) {

    public GuestPlan {
        java.util.Objects.requireNonNull(clipboard);
    }
}
