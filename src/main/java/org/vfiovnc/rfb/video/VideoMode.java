package org.vfiovnc.rfb.video;

import java.util.Locale;

/** When viewers that list H.264 (encoding 50) get video ({@code --video}). */
public enum VideoMode {
    /** Never: every viewer gets its next encoding. */
    OFF,
    /** Areas in motion as video, the rest lossless or JPEG; a resting area is refreshed lossless. */
    AUTO,
    /** The whole screen as one video area (benchmarks, thin links). */
    ALWAYS;

    /** "off", "auto" or "always", any case. */
    public static VideoMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("video mode must be off, auto or always, got '" + s + "'");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
