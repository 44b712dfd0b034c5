package org.vfiovnc.rfb;

/**
 * Resource limits a viewer cannot push the server past, beyond the ones {@link RfbConfig} already
 * holds (client count, handshake time, cut text). Every value has a safe default.
 *
 * @param maxPending            connections still in the handshake (not yet authenticated) beyond
 *                              which new ones are closed at once: unauthenticated peers cannot tie
 *                              up threads and sockets without bound
 * @param authTimeoutMs         time the authentication exchange may take; longer than the handshake
 *                              because a viewer may ask a person for the password meanwhile
 * @param idleTimeoutMs         an admitted viewer that sends nothing for this long is closed; 0 = off
 * @param maxMessage            largest client message (SetEncodings, SetDesktopSize) in bytes
 * @param clientStallMs         a viewer that has taken none of its output for this long (a write
 *                              to it has not moved) has stopped reading and is disconnected
 * @param maxPendingPerAddress  the share of {@code maxPending} one address (an IPv6 /64) may hold,
 *                              so that peers stalling in authentication cannot keep the others out
 */
public record RfbLimits(int maxPending, int authTimeoutMs, int idleTimeoutMs, int maxMessage,
                        long clientStallMs, int maxPendingPerAddress) {
    /** Handshakes one address may have at once by default: a few viewers starting together. */
    public static final int DEFAULT_MAX_PENDING_PER_ADDRESS = 4;

    public RfbLimits {
        if (maxPending < 1 || authTimeoutMs < 1 || idleTimeoutMs < 0 || maxMessage < 64 || clientStallMs < 1
                || maxPendingPerAddress < 1) {
            throw new IllegalArgumentException("limits out of range: " + this);
        }
    }

    /** With the default share per address (at most {@code maxPending}). */
    public RfbLimits(int maxPending, int authTimeoutMs, int idleTimeoutMs, int maxMessage, long clientStallMs) {
        this(maxPending, authTimeoutMs, idleTimeoutMs, maxMessage, clientStallMs,
                Math.min(maxPending, DEFAULT_MAX_PENDING_PER_ADDRESS));
    }

    public static RfbLimits defaults() {
        return new RfbLimits(16, 60_000, 0, 64 * 1024, 30_000);
    }
}
