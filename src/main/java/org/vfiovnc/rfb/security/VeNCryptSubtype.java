package org.vfiovnc.rfb.security;

import java.util.Locale;

/**
 * VeNCrypt's subtypes: which TLS (none, anonymous, with the server's X.509 certificate) and which
 * authentication inside it (none, VncAuth, Plain user+password).
 */
public enum VeNCryptSubtype {
    PLAIN(256, Tls.NONE, Inner.PLAIN),
    TLS_NONE(257, Tls.ANONYMOUS, Inner.NONE),
    TLS_VNC(258, Tls.ANONYMOUS, Inner.VNC),
    TLS_PLAIN(259, Tls.ANONYMOUS, Inner.PLAIN),
    X509_NONE(260, Tls.X509, Inner.NONE),
    X509_VNC(261, Tls.X509, Inner.VNC),
    X509_PLAIN(262, Tls.X509, Inner.PLAIN);

    /** The TLS layer a subtype starts. */
    public enum Tls { NONE, ANONYMOUS, X509 }

    /** The authentication run after it. */
    public enum Inner { NONE, VNC, PLAIN }

    private final int code;
    private final Tls tls;
    private final Inner inner;

    VeNCryptSubtype(int code, Tls tls, Inner inner) {
        this.code = code;
        this.tls = tls;
        this.inner = inner;
    }

    public int code() {
        return code;
    }

    public Tls tls() {
        return tls;
    }

    public Inner inner() {
        return inner;
    }

    /** The name used by {@code --security} and viewers: "X509Vnc", "TLSPlain", "Plain", ... */
    public String displayName() {
        String base = switch (inner) {
            case NONE -> "None";
            case VNC -> "Vnc";
            case PLAIN -> "Plain";
        };
        return switch (tls) {
            case NONE -> base;
            case ANONYMOUS -> "TLS" + base;
            case X509 -> "X509" + base;
        };
    }

    /** By display name, case-insensitive; null when unknown. */
    public static VeNCryptSubtype byName(String name) {
        for (VeNCryptSubtype s : values()) {
            if (s.displayName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        return null;
    }
}
