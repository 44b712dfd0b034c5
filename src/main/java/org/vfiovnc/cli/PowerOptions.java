package org.vfiovnc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.vfiovnc.qmp.QmpAddress;
import org.vfiovnc.rfb.PowerAccess;
import org.vfiovnc.rfb.security.SecurityPolicy;
import org.vfiovnc.rfb.security.UsersFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * A display's power options: whether viewers may shut down, reboot or reset the VM (XVP), who,
 * and the guest agent that makes a reboot possible. Off unless the operator asks; the actions go
 * through QEMU's QMP monitor ({@code --qmp}), also with a qemu-dbus source, whose D-Bus display has
 * no power API.
 */
final class PowerOptions {
    private static final Logger LOG = Logger.getLogger(PowerOptions.class.getName());
    /** What picocli gives for {@code --power-control} without a value. */
    private static final String ANY = "";

    @Option(names = "--power-control", paramLabel = "USER[,USER...]", arity = "0..1", fallbackValue = ANY,
            description = "Let viewers shut down, reboot or reset the VM (XVP; noVNC's power menu) through --qmp: "
                    + "every authenticated viewer, or only these users of --users-file. Off by default.")
    String powerControl;

    @Option(names = "--guest-agent", paramLabel = "unix:PATH|tcp:HOST:PORT",
            description = "QEMU guest agent socket (the chardev of its virtio-serial port): enables reboot for --power-control.")
    String guestAgent;

    private QmpAddress agentAddress;

    /**
     * Who may use power actions; checks the options against each other. {@code loopback}: whether
     * every listener is on loopback (else a power menu for viewers without a password is warned about).
     */
    PowerAccess access(CommandSpec spec, String qmp, UsersFile users, SecurityPolicy security, boolean loopback) {
        if (powerControl == null) {
            if (guestAgent != null) {
                throw new ParameterException(spec.commandLine(), "--guest-agent is used only for --power-control's reboot");
            }
            return PowerAccess.NOBODY;
        }
        if (guestAgent != null) {
            try {
                agentAddress = QmpAddress.parse(guestAgent);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--guest-agent: " + e.getMessage());
            }
        }
        if (qmp == null) {
            throw new ParameterException(spec.commandLine(), "--power-control needs --qmp: QEMU carries out power actions"
                    + " through its QMP monitor (with a qemu-dbus source too: QEMU's D-Bus display has no power API)");
        }
        if (!powerControl.isBlank()) {
            return PowerAccess.users(namedUsers(spec, users));
        }
        if (!security.provesIdentity() && !loopback) {
            LOG.warning("WARNING: --power-control without authentication on a non-loopback address: anyone who can"
                    + " connect can shut down or reset the VM; give --password-file or --users-file");
        }
        return PowerAccess.viewers();
    }

    private List<String> namedUsers(CommandSpec spec, UsersFile users) {
        if (users == null) {
            throw new ParameterException(spec.commandLine(), "--power-control=USER... names users of --users-file, which is not given");
        }
        List<String> names = new ArrayList<>();
        for (String n : powerControl.split(",")) {
            String name = n.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!users.contains(name)) {
                throw new ParameterException(spec.commandLine(), "--power-control: user '" + name + "' is not in --users-file");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--power-control: no user named");
        }
        return names;
    }

    /** The guest agent for reboots, or null; after {@link #access}. */
    QmpAddress agentAddress() {
        return agentAddress;
    }
}
