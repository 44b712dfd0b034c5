package org.vfiovnc.input;

import java.util.Locale;

/** Which way clipboard text may travel between viewers and the guest (--clipboard). */
public enum ClipboardDirection {
    OFF(false, false), TO_GUEST(true, false), FROM_GUEST(false, true), BOTH(true, true);

    private final boolean toGuest;
    private final boolean fromGuest;

    ClipboardDirection(boolean toGuest, boolean fromGuest) {
        this.toGuest = toGuest;
        this.fromGuest = fromGuest;
    }

    public boolean toGuest() {
        return toGuest;
    }

    public boolean fromGuest() {
        return fromGuest;
    }

    /** {@code off}, {@code to-guest}, {@code from-guest} or {@code both}. */
    public static ClipboardDirection parse(String s) {
        for (ClipboardDirection d : values()) {
            if (d.label().equals(s.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown clipboard direction '" + s + "'; expected off, to-guest, from-guest or both");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
