package org.vfiovnc.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.input.GuestLink;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.input.PowerControl;
import org.vfiovnc.metrics.TimedSource;
import org.vfiovnc.qmp.QmpClient;
import org.vfiovnc.rfb.PowerAccess;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.video.VideoMode;
import org.vfiovnc.rfb.video.VideoOptions;
import org.vfiovnc.rfb.RfbLimits;
import org.vfiovnc.rfb.SharePolicy;
import org.vfiovnc.rfb.security.SecurityPolicy;
import org.vfiovnc.rfb.security.UsersFile;
import org.vfiovnc.rfb.security.VncPassword;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.TransportOptions;
import org.vfiovnc.transport.tls.TlsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code serve}: show a source to VNC viewers until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a display source to VNC viewers.",
        footer = {"", "Sources:",
            "  demo[:WxH][:paused]                         built-in animated desktop (default 1280x720)",
            "  raw:PATH:WxH:FOURCC[:stride=N][:offset=N]   a framebuffer file another process writes",
            "  xwd:PATH                                     the screen file of Xvfb -fbdir DIR (DIR/Xvfb_screen0)",
            "  replay:FILE[:fast][:loop]                    a recording made with the record command",
            "  vfio:UUID | vfio:/sys/bus/mdev/devices/UUID | vfio:/dev/vfio/devices/vfioN   a vGPU's display",
            "  vfio-fd:N | vfio-fd:unix:PATH                an open VFIO device fd (inherited, or sent by its holder)",
            "FOURCC: XR24 AR24 XB24 AB24 RG16 RG24 BG24"})
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(ServeCommand.class.getName());

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "SPEC", defaultValue = "demo",
            description = "What to show (default: ${DEFAULT-VALUE}); see Sources below.")
    String source;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5900",
            description = "Address for VNC viewers (default: ${DEFAULT-VALUE}). Port 0 picks a free one.")
    String listen;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "VNC password: first line of a text file, or a vncpasswd file. Enables VncAuth.")
    Path passwordFile;

    @Option(names = "--allow-unauthenticated",
            description = "Allow serving without a password on a non-loopback address.")
    boolean allowUnauthenticated;

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

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "32",
            description = "Connected viewers beyond which new ones are refused (default: ${DEFAULT-VALUE}).")
    int maxClients;

    // ---- limits: every one has a safe default; see README "Limits" ----

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

    @Mixin
    WebTlsOptions webTls;

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

    @Override
    public Integer call() throws Exception {
        ServeSettings s = settings();
        ListenAddress metricsAddress = OpsOptions.metricsAddress(spec, metrics);
        QmpClient qmpClient = OpsOptions.qmp(spec, qmp);
        InputSink input = OpsOptions.input(qmpClient, viewOnly, s.source());
        PowerControl powerControl = power.control(s.power(), qmpClient);
        if (qmpClient != null) {
            qmpClient.close(); // input and power hold shares of their own
        }
        TimedSource src = new TimedSource(s.source());
        SecurityPolicy security = s.security();
        RfbConfig config = new RfbConfig(name, security, s.sharePolicy(), viewOnly, maxCutText,
                handshakeTimeout * 1000, maxClients, s.limits(), s.power(), s.video());
        RefreshLoop.Pacing pacing = new RefreshLoop.Pacing(tickMs, Math.max(tickMs, 100), 1000, 30_000,
                fastTickMs, RefreshLoop.DEFAULT_QUIET_MS); // the loop caps the fast tick at tickMs
        VncServer server;
        try {
            GuestLink guest = new GuestLink(input, powerControl,
                    clipboard.build(spec, s.source(), input, viewOnly, maxCutText));
            server = VncServer.start(new RefreshLoop(src, pacing, sourceTimeout * 1000L), config,
                    guest, s.listen(), s.transport());
        } catch (IOException e) {
            throw new IOException("cannot start: " + e.getMessage(), e);
        }
        AutoCloseable ops = OpsOptions.start(server, src, metricsAddress);
        CountDownLatch stop = new CountDownLatch(1);
        boolean signals = ShutdownSignals.install(stop::countDown);
        Thread hook = new Thread(() -> {
            // Reached on System.exit or when signals could not be caught: still close cleanly.
            OpsOptions.closeQuietly(ops);
            server.close();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        for (ListenAddress a : server.addresses()) {
            System.out.println("listening on " + a);
        }
        System.out.flush();
        LOG.info("serving " + src.describe() + " on " + server.address() + " with security " + security.describe()
                + (s.transport().tls() != null ? "; https/wss and VeNCrypt TLS on" : "")
                + (signals ? "" : " (SIGTERM handling unavailable: exit code will be 143)"));
        stop.await();
        LOG.info("shutting down: closing listeners, viewers and the source");
        OpsOptions.closeQuietly(ops);
        server.close();
        LOG.info("stopped");
        return 0;
    }

    /** Checks option values and combinations; every problem is one clear line. */
    ServeSettings settings() throws IOException {
        ListenAddress address;
        try {
            address = ListenAddress.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--listen: " + e.getMessage());
        }
        SharePolicy policy;
        try {
            policy = SharePolicy.parse(sharePolicy);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--share-policy: " + e.getMessage());
        }
        if (tickMs < 1 || tickMs > 1000) {
            throw new ParameterException(spec.commandLine(), "--tick-ms must be 1-1000, got " + tickMs);
        }
        if (fastTickMs < 1 || fastTickMs > 1000) {
            throw new ParameterException(spec.commandLine(), "--fast-tick-ms must be 1-1000, got " + fastTickMs);
        }
        if (maxClients < 1 || maxClients > 4096) {
            throw new ParameterException(spec.commandLine(), "--max-clients must be 1-4096, got " + maxClients);
        }
        RfbLimits limits = limits();
        VideoOptions videoOptions;
        try {
            videoOptions = VideoOptions.defaults().withMode(VideoMode.parse(video));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--video: " + e.getMessage());
        }
        requireRange("--video-bitrate", videoBitrate, 0, 1_000_000);
        videoOptions = videoOptions.withBitrateCap(videoBitrate);
        VncPassword password = null;
        if (passwordFile != null) {
            try {
                password = VncPassword.fromFile(passwordFile);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--password-file: " + e.getMessage());
            }
        }
        boolean loopback;
        try {
            loopback = address.isLoopback();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--listen: unknown host " + address.host());
        }
        SecurityPolicy security;
        TransportOptions transport;
        UsersFile users;
        try {
            TlsServer tls = webTls.tls();
            users = webTls.users();
            security = webTls.securityPolicy(password, users, tls);
            transport = webTls.transport(tls);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean unauthenticated = security.admitsUnauthenticated();
        try {
            loopback &= transport.websocket() == null || transport.websocket().isLoopback();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--websocket: unknown host " + transport.websocket().host());
        }
        if (!loopback && unauthenticated && !allowUnauthenticated) {
            throw new ParameterException(spec.commandLine(), "refusing to serve without authentication on non-loopback "
                    + address + "; give --password-file FILE, or --allow-unauthenticated if you really mean it");
        }
        PowerAccess powerAccess = power.access(spec, qmp, users, security, loopback);
        DisplaySource src;
        try {
            src = SourceCatalog.create(source, readback);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--source: " + e.getMessage());
        }
        return new ServeSettings(address, policy, password, src, limits, security, transport, powerAccess,
                videoOptions);
    }

    private RfbLimits limits() {
        requireRange("--max-pending", maxPending, 1, 4096);
        requireRange("--max-pending-per-address", maxPendingPerAddress, 1, 4096);
        requireRange("--handshake-timeout", handshakeTimeout, 1, 3600);
        requireRange("--auth-timeout", authTimeout, 1, 3600);
        requireRange("--idle-timeout", idleTimeout, 0, 2_000_000);
        requireRange("--max-message", maxMessage, 1024, 1 << 24);
        requireRange("--max-cut-text", maxCutText, 0, 1 << 28);
        requireRange("--source-timeout", sourceTimeout, 1, 600);
        requireRange("--client-stall-timeout", clientStallTimeout, 1, 3600);
        return new RfbLimits(maxPending, authTimeout * 1000, idleTimeout * 1000, maxMessage, clientStallTimeout * 1000L,
                Math.min(maxPendingPerAddress, maxPending));
    }

    private void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " must be " + min + "-" + max + ", got " + value);
        }
    }

    record ServeSettings(ListenAddress listen, SharePolicy sharePolicy, VncPassword password, DisplaySource source,
                         RfbLimits limits, SecurityPolicy security, TransportOptions transport, PowerAccess power,
                         VideoOptions video) {}
}
