package org.vfiovnc.cli;

import org.vfiovnc.rfb.RfbLimits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** A display's limits: every one has a safe default; see README "Limits". */
final class LimitOptions {

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "32",
            description = "Connected viewers beyond which new ones are refused (default: ${DEFAULT-VALUE}).")
    int maxClients;

    @Option(names = "--max-pending", paramLabel = "N", defaultValue = "16",
            description = "Connections still in the handshake beyond which new ones are closed at once (default: ${DEFAULT-VALUE}).")
    int maxPending;

    @Option(names = "--max-pending-per-address", paramLabel = "N", defaultValue = "" + RfbLimits.DEFAULT_MAX_PENDING_PER_ADDRESS,
            description = "Of those, how many one address (an IPv6 /64) may have (default: ${DEFAULT-VALUE}).")
    int maxPendingPerAddress;

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Time a viewer has for version, security choice and init, in total (default: ${DEFAULT-VALUE}).")
    int handshakeTimeout;

    @Option(names = "--auth-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Time a viewer has to answer the password challenge (default: ${DEFAULT-VALUE}).")
    int authTimeout;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Close a viewer that sends nothing for this long; 0 = never (default: ${DEFAULT-VALUE}).")
    int idleTimeout;

    @Option(names = "--max-message", paramLabel = "BYTES", defaultValue = "65536",
            description = "Largest SetEncodings/SetDesktopSize message accepted (default: ${DEFAULT-VALUE}).")
    int maxMessage;

    @Option(names = "--max-cut-text", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Largest clipboard text accepted from a viewer (default: ${DEFAULT-VALUE}).")
    int maxCutText;

    @Option(names = "--source-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "A source call (open, read a frame) taking longer counts as a hung device: the picture "
                    + "shows SOURCE UNAVAILABLE and the source is reopened with backoff (default: ${DEFAULT-VALUE}).")
    int sourceTimeout;

    @Option(names = "--client-stall-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "A viewer that takes none of its output for this long has stopped reading and is "
                    + "disconnected; while it is merely slow it gets no updates and its changes merge "
                    + "(default: ${DEFAULT-VALUE}).")
    int clientStallTimeout;

    /** Checks every limit's range; the ones the RFB server keeps in {@link RfbLimits}. */
    RfbLimits limits(CommandSpec spec) {
        requireRange(spec, "--max-clients", maxClients, 1, 4096);
        requireRange(spec, "--max-pending", maxPending, 1, 4096);
        requireRange(spec, "--max-pending-per-address", maxPendingPerAddress, 1, 4096);
        requireRange(spec, "--handshake-timeout", handshakeTimeout, 1, 3600);
        requireRange(spec, "--auth-timeout", authTimeout, 1, 3600);
        requireRange(spec, "--idle-timeout", idleTimeout, 0, 2_000_000);
        requireRange(spec, "--max-message", maxMessage, 1024, 1 << 24);
        requireRange(spec, "--max-cut-text", maxCutText, 0, 1 << 28);
        requireRange(spec, "--source-timeout", sourceTimeout, 1, 600);
        requireRange(spec, "--client-stall-timeout", clientStallTimeout, 1, 3600);
        return new RfbLimits(maxPending, authTimeout * 1000, idleTimeout * 1000, maxMessage, clientStallTimeout * 1000L,
                Math.min(maxPendingPerAddress, maxPending));
    }

    /** One line naming the option when {@code value} is outside min..max. */
    static void requireRange(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " must be " + min + "-" + max + ", got " + value);
        }
    }
}
