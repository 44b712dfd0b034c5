package org.vfiovnc.server;

import java.io.IOException;
import java.util.List;
import java.util.logging.Logger;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.input.GuestLink;
import org.vfiovnc.metrics.MetricsHttpServer;
import org.vfiovnc.metrics.ServerMetrics;
import org.vfiovnc.metrics.TimedSource;
import org.vfiovnc.rfb.RfbServer;
import org.vfiovnc.rfb.security.AuthThrottle;
import org.vfiovnc.transport.ListenAddress;

/**
 * One display running as its {@link DisplayPlan} says: the source behind a refresh loop, its RFB
 * server, its link to the VM, its own port when it has one and its metrics. {@code serve} runs
 * one; {@code host} runs one per display, each with its own threads, so a display's fault stays
 * with its own viewers.
 */
public final class ServedDisplay implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ServedDisplay.class.getName());

    private final VncServer server;
    private final TimedSource source;
    private final AutoCloseable metrics;
    /** Null unless kept for a host's endpoint or served on the display's own address. */
    private final ServerMetrics registry;

    private ServedDisplay(VncServer server, TimedSource source, AutoCloseable metrics, ServerMetrics registry) {
        this.server = server;
        this.source = source;
        this.metrics = metrics;
        this.registry = registry;
    }

    /**
     * Opens the source (a bad one fails here), starts the loop, the RFB server and the own port.
     *
     * @param throttle the authentication throttle, shared by the displays of one process so a
     *                 guesser gains nothing by spreading guesses over them
     */
    public static ServedDisplay start(DisplayPlan plan, AuthThrottle throttle) throws IOException {
        return start(plan, throttle, false);
    }

    /**
     * @param hosted one of a host's displays: a source that cannot be opened yet (its VM is not
     *               running) is shown as SOURCE UNAVAILABLE and retried with backoff instead of
     *               failing the start, and its metrics are kept for the host's endpoint
     */
    public static ServedDisplay start(DisplayPlan plan, AuthThrottle throttle, boolean hosted) throws IOException {
        boolean awaitSource = hosted;
        GuestLink guest = GuestLinks.connect(plan.guest(), plan.source(), plan.rfb().power());
        TimedSource src = new TimedSource(plan.source());
        RefreshLoop loop = new RefreshLoop(src, plan.pacing(), plan.sourceTimeoutMs());
        if (awaitSource) {
            loop.retryingFirstOpen();
        }
        VncServer server;
        try {
            server = VncServer.start(loop, plan.rfb(), guest, plan.listen(), plan.transport(), throttle);
        } catch (IOException e) {
            throw new IOException("cannot start: " + e.getMessage(), e);
        }
        ServerMetrics registry = hosted || plan.metrics() != null ? new ServerMetrics(server.loop(), server.rfb(), src) : null;
        AutoCloseable metrics;
        try {
            metrics = startMetrics(registry, plan.metrics());
        } catch (IOException e) {
            server.close(); // startMetrics closed the registry
            throw e;
        }
        return new ServedDisplay(server, src, metrics, registry);
    }

    private static AutoCloseable startMetrics(ServerMetrics m, ListenAddress address) throws IOException {
        if (address == null) {
            return m != null ? m : () -> { };
        }
        MetricsHttpServer http;
        try {
            http = MetricsHttpServer.start(address, m.registry()::render);
        } catch (IOException e) {
            m.close();
            throw new IOException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
        }
        System.out.println("metrics on http://" + http.address() + "/metrics");
        LOG.info("metrics on http://" + http.address() + "/metrics");
        return () -> {
            http.close();
            m.close();
        };
    }

    /** The display's metrics in the text format, or null when it keeps none. */
    public String renderMetrics() {
        return registry != null ? registry.registry().render() : null;
    }

    /** The display's own ports (empty when it has none). */
    public List<ListenAddress> addresses() {
        return server.addresses();
    }

    /** Where connections routed to this display go. */
    public RfbServer rfb() {
        return server.rfb();
    }

    public VncServer server() {
        return server;
    }

    /** The source, as the log names it. */
    public String describe() {
        return source.describe();
    }

    /** Closes metrics, ports, viewers, the loop and the link to the VM; never throws. */
    @Override
    public void close() {
        try {
            metrics.close();
        } catch (Exception e) {
            LOG.fine("closing metrics: " + e);
        }
        server.close();
    }
}
