package org.vfiovnc.cli;

import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.input.ClipboardDirection;
import org.vfiovnc.qmp.QmpAddress;
import org.vfiovnc.rfb.PowerAccess;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.RfbLimits;
import org.vfiovnc.rfb.SharePolicy;
import org.vfiovnc.rfb.video.VideoMode;
import org.vfiovnc.rfb.video.VideoOptions;
import org.vfiovnc.server.DisplayPlan;
import org.vfiovnc.server.GuestPlan;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.transport.ListenAddress;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Everything that describes one display: its source, credentials, what viewers may do, its pace
 * and limits. {@code serve} has these options; each display of {@code host}'s configuration file
 * has them as keys. {@link #plan} checks them into a {@link DisplayPlan}.
 */
final class DisplayOptions {

    @Option(names = "--source", paramLabel = "SPEC", defaultValue = "demo",
            description = "What to show (default: ${DEFAULT-VALUE}); see Sources below.")
    String source;

    @Mixin
    SecurityOptions security;

    @Option(names = "--share-policy", paramLabel = "POLICY", defaultValue = "disconnect-others",
            description = "When a viewer asks for exclusive access: disconnect-others, refuse-new, always-shared (default: ${DEFAULT-VALUE}).")
    String sharePolicy;

    @Option(names = "--view-only", description = "Ignore keyboard and pointer input from viewers.")
    boolean viewOnly;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "vfio-vnc",
            description = "Desktop name shown by viewers (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--tick-ms", paramLabel = "MS", defaultValue = "33",
            description = "Refresh interval while the screen changes, 1-1000 ms (default: ${DEFAULT-VALUE}).")
    int tickMs;

    @Option(names = "--fast-tick-ms", paramLabel = "MS", defaultValue = "" + RefreshLoop.DEFAULT_FAST_TICK_MS,
            description = "Refresh interval while a viewer waits and the screen is busy, 1-1000 ms, at most --tick-ms;"
                    + " change-to-viewer latency is about half of it (default: ${DEFAULT-VALUE}).")
    int fastTickMs;

    @Mixin
    LimitOptions limits;

    @Mixin
    ClipboardOptions clipboard;

    @Mixin
    PowerOptions power;

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "Serve Prometheus metrics on http://HOST:PORT/metrics (off by default).")
    String metrics;

    @Option(names = "--qmp", paramLabel = "unix:PATH|tcp:HOST:PORT",
            description = "QEMU's QMP monitor: keyboard and pointer input go there (also with a qemu-dbus source),"
                    + " and power actions with --power-control.")
    String qmp;

    @Option(names = "--readback", paramLabel = "MODE", defaultValue = "auto", converter = ReadbackConverter.class,
            description = "How dma-buf planes are read: auto (mmap when linear and allowed, else egl), mmap, egl (default: ${DEFAULT-VALUE}).")
    Readback readback;

    @Option(names = "--video", paramLabel = "MODE", defaultValue = "auto",
            description = "H.264 video for viewers that list it (noVNC with WebCodecs): auto (areas in motion as video,"
                    + " refreshed lossless once they rest), always (the whole screen as video), off (default: ${DEFAULT-VALUE}).")
    String video;

    @Option(names = "--video-bitrate", paramLabel = "KBITS", defaultValue = "0",
            description = "Cap each video area at KBITS kbit/s; 0 = no cap, the viewer's quality level decides"
                    + " (default: ${DEFAULT-VALUE}).")
    int videoBitrate;

    /**
     * Where the display is served, which its security depends on.
     *
     * @param port      the TLS setup and what its own port speaks beyond RFB
     * @param listen    its own port, or null (reached through a shared port only)
     * @param exposedAt a non-loopback address it can be reached on, or null when all are loopback
     */
    record Front(WebTlsOptions.Port port, ListenAddress listen, String exposedAt) {}

    /** Checks the option values and combinations; every problem is one clear line naming the option. */
    DisplayPlan plan(CommandSpec spec, Front front) {
        SharePolicy policy;
        try {
            policy = SharePolicy.parse(sharePolicy);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--share-policy: " + e.getMessage());
        }
        LimitOptions.requireRange(spec, "--tick-ms", tickMs, 1, 1000);
        LimitOptions.requireRange(spec, "--fast-tick-ms", fastTickMs, 1, 1000);
        RfbLimits rfbLimits = limits.limits(spec);
        VideoOptions videoOptions;
        try {
            videoOptions = VideoOptions.defaults().withMode(VideoMode.parse(video));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--video: " + e.getMessage());
        }
        LimitOptions.requireRange(spec, "--video-bitrate", videoBitrate, 0, 1_000_000);
        videoOptions = videoOptions.withBitrateCap(videoBitrate);
        SecurityOptions.Credentials credentials = security.credentials(spec, front.port().tls(), front.port().requireTls());
        security.checkExposure(spec, credentials.policy(), front.exposedAt());
        PowerAccess powerAccess = power.access(spec, qmp, credentials.users(), credentials.policy(), front.exposedAt() == null);
        ClipboardDirection direction = clipboard.direction(spec, viewOnly);
        QmpAddress qmpAddress = OpsOptions.qmpAddress(spec, qmp);
        ListenAddress metricsAddress = OpsOptions.metricsAddress(spec, metrics);
        DisplaySource src;
        try {
            src = SourceCatalog.create(source, readback);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--source: " + e.getMessage());
        }
        RfbConfig config = new RfbConfig(name, credentials.policy(), policy, viewOnly, limits.maxCutText,
                limits.handshakeTimeout * 1000, limits.maxClients, rfbLimits, powerAccess, videoOptions);
        RefreshLoop.Pacing pacing = new RefreshLoop.Pacing(tickMs, Math.max(tickMs, 100), 1000, 30_000,
                fastTickMs, RefreshLoop.DEFAULT_QUIET_MS); // the loop caps the fast tick at tickMs
        GuestPlan guest = new GuestPlan(qmpAddress, viewOnly, power.agentAddress(), direction, clipboard.pasteAsKeys,
                limits.maxCutText);
        return new DisplayPlan(src, config, pacing, limits.sourceTimeout * 1000L, guest, front.listen(),
                front.port().transport(), metricsAddress);
    }
}
