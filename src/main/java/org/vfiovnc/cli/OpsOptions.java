package org.vfiovnc.cli;

import java.io.IOException;
import java.util.logging.Logger;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.input.QmpInputSink;
import org.vfiovnc.metrics.MetricsHttpServer;
import org.vfiovnc.metrics.ServerMetrics;
import org.vfiovnc.metrics.TimedSource;
import org.vfiovnc.qmp.QmpAddress;
import org.vfiovnc.qmp.QmpClient;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.qemudbus.QemuDbusSource;
import org.vfiovnc.transport.ListenAddress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The operator features of {@code serve} ({@code --metrics}), kept out of ServeCommand so that
 * class only gains an option and two calls.
 */
final class OpsOptions {
    private static final Logger LOG = Logger.getLogger(OpsOptions.class.getName());

    private OpsOptions() {}

    /** Parses {@code --metrics}; null when not given. */
    static ListenAddress metricsAddress(CommandSpec spec, String text) {
        if (text == null) {
            return null;
        }
        try {
            return ListenAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--metrics: " + e.getMessage());
        }
    }

    /** The QMP client for {@code --qmp} (null when not given), shared by input and power: the caller holds a share. */
    static QmpClient qmp(CommandSpec spec, String qmp) {
        if (qmp == null) {
            return null;
        }
        try {
            return new QmpClient(QmpAddress.parse(qmp));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--qmp: " + e.getMessage());
        }
    }

    /**
     * The input sink for {@code --qmp} (a share of its client; none when view-only); without
     * {@code --qmp}, a qemu-dbus source sends input through its own console.
     */
    static InputSink input(QmpClient qmp, boolean viewOnly, DisplaySource source) {
        if (viewOnly) {
            return NoInputSink.INSTANCE;
        }
        if (qmp == null) {
            return source instanceof QemuDbusSource q ? q.inputSink() : NoInputSink.INSTANCE;
        }
        return new QmpInputSink(qmp.share());
    }

    /** Starts what the options ask for; the result closes it all. */
    static AutoCloseable start(VncServer server, TimedSource source, ListenAddress metrics) throws IOException {
        if (metrics == null) {
            return () -> { };
        }
        ServerMetrics m = new ServerMetrics(server.loop(), server.rfb(), source);
        MetricsHttpServer http;
        try {
            http = MetricsHttpServer.start(metrics, m.registry()::render);
        } catch (IOException e) {
            m.close();
            throw new IOException("cannot serve metrics on " + metrics + ": " + e.getMessage(), e);
        }
        System.out.println("metrics on http://" + http.address() + "/metrics");
        LOG.info("metrics on http://" + http.address() + "/metrics");
        return () -> {
            http.close();
            m.close();
        };
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.fine("closing: " + e);
        }
    }
}
