package org.vfiovnc.rfb.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vfiovnc.transport.Connection;

/**
 * Which security types each connection is offered. The operator configures one list (names as
 * {@code --security} takes them); a viewer is offered what it can use over the route it came by,
 * with the same credentials:
 * <ul>
 * <li>a connection that is encrypted already (https/wss, or TLS on the RFB port) gets each TLS
 *     subtype as its inner authentication (X509Vnc as VncAuth, TLSPlain as Plain, X509None as
 *     None): a second TLS layer would add nothing, and browsers cannot start one;</li>
 * <li>a browser on an unencrypted WebSocket (ws://) gets no TLS subtypes, which it cannot speak;</li>
 * <li>a native viewer on plain TCP gets the list as configured.</li>
 * </ul>
 * On every unencrypted route, Plain (a password in the clear) is left out unless explicitly
 * allowed. With {@code requireTls}, an unencrypted route carries no authentication in the clear at
 * all (a man in the middle could strip VeNCrypt from the list and take VncAuth): native viewers are
 * offered only the TLS subtypes, and browsers on ws:// are refused. A route left with nothing is
 * refused with a reason the viewer shows its user.
 */
public final class SecurityPolicy {
    /** How a connection reached the server, as far as security is concerned. */
    public enum Route {
        ENCRYPTED("an encrypted connection"),
        NATIVE("an unencrypted native viewer"),
        BROWSER("a browser over unencrypted ws://");

        private final String description;

        Route(String description) {
            this.description = description;
        }

        public static Route of(Connection c) {
            if (c.isEncrypted()) {
                return ENCRYPTED;
            }
            return c.overWebSocket() ? BROWSER : NATIVE;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** The types offered on one route, or (when there are none) why, in words for the viewer's user. */
    public record Offer(List<SecurityType> types, String refusal) {
        public Offer {
            types = List.copyOf(types);
        }
    }

    private final Map<Route, Offer> offers = new EnumMap<>(Route.class);
    private final List<SecurityType> all = new ArrayList<>();

    private SecurityPolicy() {}

    /** The same types on every route (tests, and servers with one fixed list). */
    public static SecurityPolicy fixed(List<SecurityType> types) {
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no security type configured");
        }
        SecurityPolicy p = new SecurityPolicy();
        for (Route r : Route.values()) {
            p.put(r, new Offer(types, null));
        }
        return p;
    }

    /**
     * From {@code --security} (null: the defaults for what is configured). Throws
     * IllegalArgumentException with a one-line reason for a bad name or a missing prerequisite.
     */
    public static SecurityPolicy configure(String spec, SecurityTypes.Setup setup) {
        List<String> names = spec != null ? names(spec) : SecurityTypes.defaultNames(setup);
        SecurityTypes.parse(String.join(",", names), setup); // every mistake surfaces here, at start
        if (setup.requireTls() && setup.tls() == null) {
            throw new IllegalArgumentException("--require-tls needs a certificate (--tls-cert/--tls-key or --tls-generate)");
        }
        SecurityPolicy p = new SecurityPolicy();
        p.put(Route.ENCRYPTED, offer(innerNames(names), setup,
                "no security type is configured for encrypted connections"));
        boolean plainAllowed = setup.allowPlainTextPasswords();
        String browserRefusal = "this server requires an encrypted connection: open the page with https:// (wss://)"
                + " instead of http:// (ws://)";
        if (setup.requireTls()) {
            p.put(Route.NATIVE, offer(onlyTls(names), setup,
                    "this server requires TLS: use a viewer with VeNCrypt (X509Vnc, X509Plain or X509None)"));
            p.put(Route.BROWSER, new Offer(List.of(), browserRefusal));
            return p;
        }
        p.put(Route.NATIVE, offer(withoutPlain(names, plainAllowed), setup,
                "this server takes user and password logins only over TLS: use a viewer with VeNCrypt"
                        + " (X509Plain or TLSPlain)"));
        p.put(Route.BROWSER, offer(withoutPlain(withoutTls(names), plainAllowed), setup, browserRefusal));
        return p;
    }

    private void put(Route r, Offer o) {
        offers.put(r, o);
        all.addAll(o.types());
    }

    private static Offer offer(List<String> names, SecurityTypes.Setup setup, String refusal) {
        return names.isEmpty() ? new Offer(List.of(), refusal)
                : new Offer(SecurityTypes.parse(String.join(",", names), setup), null);
    }

    private static List<String> names(String spec) {
        List<String> names = new ArrayList<>();
        for (String n : spec.split(",")) {
            String name = n.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** Each TLS subtype as the authentication it runs inside TLS; order kept, repeats dropped. */
    private static List<String> innerNames(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            VeNCryptSubtype s = VeNCryptSubtype.byName(n);
            if (s == null || s.tls() == VeNCryptSubtype.Tls.NONE) {
                out.add(n);
            } else {
                out.add(switch (s.inner()) {
                    case NONE -> "none";
                    case VNC -> "vncauth";
                    case PLAIN -> "plain";
                });
            }
        }
        return List.copyOf(out);
    }

    private static List<String> withoutTls(List<String> names) {
        return names.stream().filter(n -> !startsTls(n)).toList();
    }

    private static List<String> onlyTls(List<String> names) {
        return names.stream().filter(SecurityPolicy::startsTls).toList();
    }

    private static boolean startsTls(String name) {
        VeNCryptSubtype s = VeNCryptSubtype.byName(name);
        return s != null && s.tls() != VeNCryptSubtype.Tls.NONE;
    }

    private static List<String> withoutPlain(List<String> names, boolean plainAllowed) {
        return plainAllowed ? names : names.stream().filter(n -> !n.equals("plain")).toList();
    }

    /** What {@code c} is offered. */
    public Offer offerFor(Connection c) {
        return offers.get(Route.of(c));
    }

    /** Whether some route offers a type that proves who the client is (then failures are throttled). */
    public boolean authenticates() {
        return all.stream().anyMatch(SecurityType::authenticates);
    }

    /**
     * Whether some route makes a viewer prove who it is (a password, or a user's password): else
     * no viewer can be told apart, and what is allowed "to authenticated viewers" is allowed to all.
     */
    public boolean provesIdentity() {
        return all.stream().anyMatch(t -> t.authenticates() && !(t instanceof VeNCryptSecurity v
                && v.subtypes().stream().allMatch(x -> x.inner() == VeNCryptSubtype.Inner.NONE)));
    }

    /** Whether some route lets a viewer in without credentials (None, or a VeNCrypt subtype with no inner authentication). */
    public boolean admitsUnauthenticated() {
        return all.stream().anyMatch(t -> !t.authenticates() || t instanceof VeNCryptSecurity v
                && v.subtypes().stream().anyMatch(x -> x.inner() == VeNCryptSubtype.Inner.NONE));
    }

    /** Who may log in by user name and password here (the users file), or null when no route takes Plain. */
    public PlainCheck users() {
        for (SecurityType t : all) {
            if (t instanceof VeNCryptSecurity v && v.users() != null
                    && v.subtypes().stream().anyMatch(x -> x.inner() == VeNCryptSubtype.Inner.PLAIN)) {
                return v.users();
            }
        }
        return null;
    }

    /** One line for the log, e.g. "native: VeNCrypt(X509Vnc), VncAuth; encrypted: VncAuth; ws://: VncAuth". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Route r : Arrays.asList(Route.NATIVE, Route.ENCRYPTED, Route.BROWSER)) {
            Offer o = offers.get(r);
            parts.add(r + ": " + (o.types().isEmpty() ? "refused" : SecurityTypes.describe(o.types())));
        }
        return String.join("; ", parts);
    }
}
