package org.vfiovnc.rfb.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vfiovnc.transport.tls.TlsServer;

/**
 * Builds the offered security types from {@code --security} (comma-separated, in order of
 * preference: none, vncauth, and the VeNCrypt subtypes plain, tlsnone, tlsvnc, tlsplain, x509none,
 * x509vnc, x509plain - all VeNCrypt subtypes become one type 19 placed where the first appears) or,
 * without it, from what is configured.
 */
public final class SecurityTypes {
    /**
     * What the types may use (any may be null), and whether unencrypted connections must start TLS
     * ({@code requireTls}: native viewers are offered only VeNCrypt's TLS subtypes, browsers on ws:// nothing).
     */
    public record Setup(VncPassword password, UsersFile users, TlsServer tls, boolean allowPlainTextPasswords,
                        boolean requireTls) {
        /** Without requiring TLS. */
        public Setup(VncPassword password, UsersFile users, TlsServer tls, boolean allowPlainTextPasswords) {
            this(password, users, tls, allowPlainTextPasswords, false);
        }
    }

    private SecurityTypes() {}

    /** The defaults: encrypted types first when TLS is configured, then what browsers over wss:// use. */
    public static List<SecurityType> defaults(Setup s) {
        return parse(String.join(",", defaultNames(s)), s);
    }

    /** The names {@link #defaults} offers, in order; IllegalArgumentException when nothing can be offered. */
    static List<String> defaultNames(Setup s) {
        List<String> names = new ArrayList<>();
        if (s.tls() != null) {
            if (s.password() != null) {
                names.add("x509vnc");
            }
            if (s.users() != null) {
                names.add("x509plain");
            }
            if (s.password() == null && s.users() == null) {
                names.add("x509none");
            }
        }
        if (s.password() != null) {
            names.add("vncauth");
        }
        if (s.users() != null && (s.tls() != null || s.allowPlainTextPasswords())) {
            names.add("plain");
        }
        if (s.password() == null && s.users() == null) {
            names.add("none");
        }
        if (s.users() != null && s.tls() == null && !s.allowPlainTextPasswords()) {
            // Nothing carries its passwords safely: refuse rather than serve with the users file unused.
            throw new IllegalArgumentException("a users file needs TLS (--tls-cert/--tls-key or --tls-generate) to"
                    + " carry its passwords, or --allow-plain-text-passwords to send them in the clear"
                    + (s.password() != null ? "; without either its users could not log in, only the --password-file" : ""));
        }
        return names;
    }

    /** Throws IllegalArgumentException with a one-line reason for an unknown name or a missing prerequisite. */
    public static List<SecurityType> parse(String spec, Setup s) {
        List<SecurityType> types = new ArrayList<>();
        List<VeNCryptSubtype> subtypes = new ArrayList<>();
        int vencryptAt = -1;
        for (String raw : spec.split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            switch (name) {
                case "none" -> types.add(new NoneSecurity());
                case "vncauth", "vnc" -> {
                    if (s.password() == null) {
                        throw new IllegalArgumentException("vncauth needs --password-file");
                    }
                    types.add(new VncAuthSecurity(s.password()));
                }
                default -> {
                    VeNCryptSubtype sub = VeNCryptSubtype.byName(name);
                    if (sub == null) {
                        throw new IllegalArgumentException("unknown security type '" + raw.trim()
                                + "'; known: none, vncauth, plain, tlsnone, tlsvnc, tlsplain, x509none, x509vnc, x509plain");
                    }
                    if (sub == VeNCryptSubtype.PLAIN && s.tls() == null && !s.allowPlainTextPasswords()) {
                        throw new IllegalArgumentException("plain sends passwords in the clear: configure TLS (browsers then use wss://)"
                                + " or add --allow-plain-text-passwords");
                    }
                    if (subtypes.contains(sub)) {
                        throw new IllegalArgumentException("security type " + name + " given twice");
                    }
                    if (vencryptAt < 0) {
                        vencryptAt = types.size();
                    }
                    subtypes.add(sub);
                }
            }
        }
        if (!subtypes.isEmpty()) {
            types.add(vencryptAt, new VeNCryptSecurity(subtypes, s.tls(), s.password(), s.users(), s.allowPlainTextPasswords()));
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no security type given");
        }
        if (types.stream().map(SecurityType::code).distinct().count() != types.size()) {
            throw new IllegalArgumentException("a security type is given twice");
        }
        return types;
    }

    /** Whether any offered type needs anonymous TLS. */
    public static boolean needsAnonymousTls(List<SecurityType> types) {
        return types.stream().anyMatch(t -> t instanceof VeNCryptSecurity v
                && v.subtypes().stream().anyMatch(x -> x.tls() == VeNCryptSubtype.Tls.ANONYMOUS));
    }

    /** One line for the log, e.g. "VeNCrypt(X509Vnc,X509Plain), VncAuth". */
    public static String describe(List<SecurityType> types) {
        List<String> parts = new ArrayList<>();
        for (SecurityType t : types) {
            if (t instanceof VeNCryptSecurity v) {
                parts.add("VeNCrypt(" + String.join(",", v.subtypes().stream().map(VeNCryptSubtype::displayName).toList()) + ")");
            } else {
                parts.add(t.name());
            }
        }
        return String.join(", ", parts);
    }
}
