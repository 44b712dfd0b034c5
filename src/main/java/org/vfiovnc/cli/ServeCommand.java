package org.vfiovnc.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import org.vfiovnc.rfb.security.AuthThrottle;
import org.vfiovnc.server.DisplayPlan;
import org.vfiovnc.server.ServedDisplay;
import org.vfiovnc.transport.ListenAddress;
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

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5900",
            description = "Address for VNC viewers (default: ${DEFAULT-VALUE}). Port 0 picks a free one.")
    String listen;

    @Mixin
    DisplayOptions display;

    @Mixin
    WebTlsOptions webTls;

    @Override
    public Integer call() throws Exception {
        DisplayPlan plan = settings();
        ServedDisplay served = ServedDisplay.start(plan, AuthThrottle.defaults());
        for (ListenAddress a : served.addresses()) {
            System.out.println("listening on " + a);
        }
        System.out.flush();
        ProcessSignals.runUntilStopped(served, signals -> LOG.info("serving " + served.describe() + " on "
                + served.server().address() + " with security " + plan.rfb().security().describe()
                + (plan.transport().tls() != null ? "; https/wss and VeNCrypt TLS on" : "")
                + (signals ? "" : " (SIGTERM handling unavailable: exit code will be 143)")));
        return 0;
    }

    /** Checks option values and combinations; every problem is one clear line. */
    DisplayPlan settings() throws IOException {
        ListenAddress address;
        try {
            address = ListenAddress.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--listen: " + e.getMessage());
        }
        WebTlsOptions.Port port;
        try {
            port = webTls.port();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String exposedAt = Exposure.firstNonLoopback(spec, "--listen", address);
        if (exposedAt == null) {
            exposedAt = Exposure.firstNonLoopback(spec, "--websocket", port.transport().websocket());
        }
        return display.plan(spec, new DisplayOptions.Front(port, address, exposedAt));
    }
}
