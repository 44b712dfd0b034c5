package org.vfiovnc.rfb;

import java.util.List;
import org.vfiovnc.rfb.security.SecurityPolicy;
import org.vfiovnc.rfb.security.SecurityType;
import org.vfiovnc.rfb.video.VideoOptions;

/**
 * Protocol settings of one server, immutable.
 *
 * @param desktopName         sent in ServerInit and DesktopName
 * @param security            the security types each connection is offered
 * @param sharePolicy         how an exclusive ClientInit is handled
 * @param viewOnly            drop all viewer input
 * @param maxCutText          largest ClientCutText accepted; larger closes the client
 * @param handshakeTimeoutMs  time a client has to finish version, security and init
 * @param maxClients          connected clients beyond which new ones are refused
 * @param limits              the remaining limits (pending connections, timeouts, message sizes)
 * @param power               which viewers may use power actions (XVP) where the VM offers them
 * @param video               when and how viewers that list H.264 get video
 */
public record RfbConfig(String desktopName, SecurityPolicy security, SharePolicy sharePolicy,
                        boolean viewOnly, int maxCutText, int handshakeTimeoutMs, int maxClients,
                        RfbLimits limits, PowerAccess power, VideoOptions video) {

    /** No power actions for anyone, default video settings. */
    public RfbConfig(String desktopName, SecurityPolicy security, SharePolicy sharePolicy,
                     boolean viewOnly, int maxCutText, int handshakeTimeoutMs, int maxClients, RfbLimits limits) {
        this(desktopName, security, sharePolicy, viewOnly, maxCutText, handshakeTimeoutMs, maxClients, limits,
                PowerAccess.NOBODY, VideoOptions.defaults());
    }

    /** One fixed list of security types for every connection, default limits. */
    public RfbConfig(String desktopName, List<SecurityType> security, SharePolicy sharePolicy,
                     boolean viewOnly, int maxCutText, int handshakeTimeoutMs, int maxClients) {
        this(desktopName, SecurityPolicy.fixed(security), sharePolicy, viewOnly, maxCutText, handshakeTimeoutMs,
                maxClients, RfbLimits.defaults());
    }

    public RfbConfig {
        java.util.Objects.requireNonNull(security);
        java.util.Objects.requireNonNull(limits);
        java.util.Objects.requireNonNull(power);
        java.util.Objects.requireNonNull(video);
    }

    public static RfbConfig defaults(List<SecurityType> security) {
        return defaults(SecurityPolicy.fixed(security));
    }

    public static RfbConfig defaults(SecurityPolicy security) {
        return new RfbConfig("vfio-vnc", security, SharePolicy.DISCONNECT_OTHERS, false, 1 << 20, 10_000, 32,
                RfbLimits.defaults());
    }

    public RfbConfig withHandshakeTimeoutMs(int ms) {
        return new RfbConfig(desktopName, security, sharePolicy, viewOnly, maxCutText, ms, maxClients, limits, power,
                video);
    }

    public RfbConfig withTimeouts(int handshakeMs) {
        return withHandshakeTimeoutMs(handshakeMs);
    }

    public RfbConfig withDesktopName(String name) {
        return new RfbConfig(name, security, sharePolicy, viewOnly, maxCutText, handshakeTimeoutMs, maxClients, limits,
                power, video);
    }

    public RfbConfig withLimits(RfbLimits l) {
        return new RfbConfig(desktopName, security, sharePolicy, viewOnly, maxCutText, handshakeTimeoutMs, maxClients, l,
                power, video);
    }

    public RfbConfig withMaxClients(int n) {
        return new RfbConfig(desktopName, security, sharePolicy, viewOnly, maxCutText, handshakeTimeoutMs, n, limits,
                power, video);
    }

    public RfbConfig withPower(PowerAccess p) {
        return new RfbConfig(desktopName, security, sharePolicy, viewOnly, maxCutText, handshakeTimeoutMs, maxClients,
                limits, p, video);
    }

    public RfbConfig withVideo(VideoOptions v) {
        return new RfbConfig(desktopName, security, sharePolicy, viewOnly, maxCutText, handshakeTimeoutMs, maxClients,
                limits, power, v);
    }
}
