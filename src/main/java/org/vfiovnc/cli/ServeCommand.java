package org.vfiovnc.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import org.vfiovnc.damage.RefreshLoop;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.SharePolicy;
import org.vfiovnc.rfb.VncServer;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.rfb.security.SecurityType;
import org.vfiovnc.rfb.security.VncAuthSecurity;
import org.vfiovnc.rfb.security.VncPassword;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.SourceFactory;
import org.vfiovnc.transport.ListenAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code serve}: show a source to VNC viewers until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a display source to VNC viewers.",
        footer = {"", "Sources:",
            "  demo[:WxH][:paused]                         built-in animated desktop (default 1280x720)",
            "  raw:PATH:WxH:FOURCC[:stride=N][:offset=N]   a framebuffer file another process writes",
            "  xwd:PATH                                     the screen file of Xvfb -fbdir DIR (DIR/Xvfb_screen0)",
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

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "32",
            description = "Connected viewers beyond which new ones are refused (default: ${DEFAULT-VALUE}).")
    int maxClients;

    @Option(names = "--readback", paramLabel = "MODE", defaultValue = "auto",
            description = "How dma-buf planes are read: auto (mmap when linear and allowed, else egl), mmap, egl (default: ${DEFAULT-VALUE}).")
    String readback;

    @Override
    public Integer call() throws Exception {
        ServeSettings s = settings();
        DisplaySource src = s.source();
        List<SecurityType> security = new ArrayList<>();
        if (s.password() != null) {
            security.add(new VncAuthSecurity(s.password()));
        } else {
            security.add(new NoneSecurity());
        }
        RfbConfig config = new RfbConfig(name, security, s.sharePolicy(), viewOnly, 1 << 20, 10_000, maxClients);
        RefreshLoop.Pacing pacing = new RefreshLoop.Pacing(tickMs, Math.max(tickMs, 100), 1000, 30_000);
        VncServer server;
        try {
            server = VncServer.start(src, pacing, config, NoInputSink.INSTANCE, s.listen());
        } catch (IOException e) {
            throw new IOException("cannot start: " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            server.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("listening on " + server.address());
        System.out.flush();
        LOG.info("serving " + src.describe() + " on " + server.address()
                + (s.password() != null ? " with VncAuth" : " without authentication"));
        stopped.await();
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
        if (maxClients < 1 || maxClients > 4096) {
            throw new ParameterException(spec.commandLine(), "--max-clients must be 1-4096, got " + maxClients);
        }
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
        if (!loopback && password == null && !allowUnauthenticated) {
            throw new ParameterException(spec.commandLine(), "refusing to serve without authentication on non-loopback "
                    + address + "; give --password-file FILE, or --allow-unauthenticated if you really mean it");
        }
        if (!List.of("auto", "mmap", "egl").contains(readback)) {
            throw new ParameterException(spec.commandLine(), "--readback must be auto, mmap or egl, got '" + readback + "'");
        }
        DisplaySource src;
        try {
            src = SourceFactory.create(source, readback);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--source: " + e.getMessage());
        }
        return new ServeSettings(address, policy, password, src);
    }

    record ServeSettings(ListenAddress listen, SharePolicy sharePolicy, VncPassword password, DisplaySource source) {}
}
