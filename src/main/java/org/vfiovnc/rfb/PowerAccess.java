package org.vfiovnc.rfb;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which viewers may shut down, reboot or reset the VM ({@code --power-control}): nobody (the
 * default); every viewer that authenticated, or every viewer on a server that asks nobody for
 * credentials; or only the named users of the users file.
 */
public final class PowerAccess {
    public static final PowerAccess NOBODY = new PowerAccess(false, null);

    private final boolean enabled;
    /** Null: not limited to named users. */
    private final Set<String> users;

    private PowerAccess(boolean enabled, Set<String> users) {
        this.enabled = enabled;
        this.users = users;
    }

    /** Every viewer that authenticated; every viewer when the server authenticates nobody. */
    public static PowerAccess viewers() {
        return new PowerAccess(true, null);
    }

    /** Only these users of the users file. */
    public static PowerAccess users(Collection<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no user named");
        }
        return new PowerAccess(true, Set.copyOf(names));
    }

    public boolean enabled() {
        return enabled;
    }

    /** The users named, or null when access is not limited to named users. */
    public Set<String> users() {
        return users;
    }

    /**
     * Whether a viewer may: {@code authenticated} and {@code user} are what its handshake proved,
     * {@code serverAuthenticates} whether the server can prove anyone's identity at all.
     */
    public boolean allows(boolean authenticated, String user, boolean serverAuthenticates) {
        if (!enabled) {
            return false;
        }
        if (users != null) {
            return user != null && users.contains(user);
        }
        return authenticated || !serverAuthenticates;
    }

    /** For the log: "off", "authenticated viewers", "users alice, bob". */
    public String describe() {
        if (!enabled) {
            return "off";
        }
        return users == null ? "authenticated viewers (every viewer where none authenticates)"
                : "users " + String.join(", ", new TreeSet<>(users));
    }
}
