package org.vfiovnc.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import org.vfiovnc.access.SignedTokens;
import org.vfiovnc.access.TokenFile;
import org.vfiovnc.access.TokenGate;
import org.vfiovnc.server.DisplayHost;
import org.vfiovnc.server.DisplayPlan;
import org.vfiovnc.server.ServedDisplay;
import org.vfiovnc.systemd.ServiceNotifier;
import org.vfiovnc.systemd.SocketActivation;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.DisplayRoutes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code host}: every display of a hypervisor in one process, from a configuration file. Browsers
 * reach display NAME at /vm/NAME/ on one shared port, native viewers at the display's own port;
 * each display has its own credentials and what serve offers. Started by systemd it takes the
 * listening socket it is handed, says when it is ready and answers the watchdog; SIGHUP reloads
 * the file, starting, restarting and stopping only the displays that changed.
 */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = "Serve every display named in a configuration file (YAML): browsers at /vm/NAME/ on one shared"
                + " port, native viewers on each display's own port.",
        footer = {"", "The file's keys are option names without the dashes: at the top the shared port's (listen,"
                + " web, no-web, websocket, allow-origin, tls-cert, tls-key, tls-generate, require-tls, token-file,"
                + " jwt-secret-file, jwt-max-lifetime, api-token-file, metrics), under"
                + " 'displays:' each display's: serve's options (source, password-file, users-file, security, qmp,"
                + " power-control, guest-agent, clipboard, view-only, ...) and listen for its own port.",
            "'mdev-displays:' (devices: DIR, keys: {...}) adds a display per mediated device found,"
                + " 'qemu-dbus-displays:' (sockets: /run/vm/*/dbus.sock, keys: {...}) one per QEMU D-Bus socket;"
                + " {name} in their keys is the display's name.",
            "A flag is 'true', a list is written as a YAML list. SIGHUP reloads the file."})
public final class HostCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(HostCommand.class.getName());

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The displays and the shared port (YAML).")
    Path config;

    /** The shared port as started; a reload changes displays only. */
    private HostFront front;
    private HostConfigFile.HostConfig current;
    private DisplayHost host;
    private ServiceNotifier notifier;

    /** The shared port as the displays behind it see it. */
    record HostFront(ListenAddress listen, WebTlsOptions.Port port, String exposedAt, TokenGate tokens, String apiToken,
                     ListenAddress metrics) {}

    @Override
    public Integer call() throws Exception {
        current = read();
        ServerSocketChannel inherited = SocketActivation.listener();
        front = front(current, inherited);
        Map<String, DisplayPlan> plans = new LinkedHashMap<>();
        for (HostConfigFile.Display d : current.displays()) {
            plans.put(d.name(), plan(d));
        }
        host = DisplayHost.listen(inherited, front.listen(), front.port().transport(), front.tokens(),
                front.apiToken());
        startAll(plans);
        ListenAddress metricsAt = null;
        if (front.metrics() != null) {
            try {
                metricsAt = host.serveMetrics(front.metrics());
            } catch (IOException e) {
                host.close();
                throw e;
            }
        }
        host.accept();
        System.out.println("listening on " + host.addresses().get(0));
        if (front.tokens() != null) {
            LOG.info("WebSockets outside " + DisplayRoutes.PREFIX + " go where their token leads: " + front.tokens().describe());
        }
        announce(plans.keySet());
        if (metricsAt != null) {
            System.out.println("metrics on http://" + metricsAt + "/metrics");
            System.out.flush();
        }
        notifier = ServiceNotifier.fromEnvironment();
        if (!ProcessSignals.installReload(this::reload)) {
            // The JVM leaves a signal alone that was ignored when it started (nohup does that to SIGHUP).
            LOG.warning("SIGHUP cannot reach this process (ignored by whoever started it, e.g. nohup):"
                    + " changes to " + config + " take a restart");
        }
        ProcessSignals.runUntilStopped(() -> {
            notifier.stopping();
            host.close();
            notifier.close();
        }, signals -> {
            LOG.info(host.status() + " on " + host.addresses().get(0)
                    + (signals ? "" : " (SIGTERM handling unavailable: exit code will be 143)"));
            notifier.ready(host.status());
            notifier.startWatchdog(host::healthy);
        });
        return 0;
    }

    /** Reads the file again and applies what changed to the displays; a bad file changes nothing. */
    synchronized void reload() {
        notifier.reloading();
        try {
            HostConfigFile.HostConfig next = read();
            if (!fixed(next.portArgs()).equals(fixed(current.portArgs()))) {
                LOG.warning("reload: the shared port's keys other than token-file, jwt-* and api-token-file changed;"
                        + " they take effect at the next start");
            }
            Access access = access(next); // checked before anything changes, as the displays are
            Map<String, HostConfigFile.Display> before = byName(current);
            Map<String, DisplayPlan> changed = new LinkedHashMap<>();
            for (HostConfigFile.Display d : next.displays()) {
                HostConfigFile.Display old = before.get(d.name());
                if (old == null || !old.fingerprint().equals(d.fingerprint()) || !host.names().contains(d.name())) {
                    changed.put(d.name(), plan(d)); // checks all before anything changes
                }
            }
            Map<String, HostConfigFile.Display> after = byName(next);
            int stopped = 0;
            for (String name : before.keySet()) {
                if (!after.containsKey(name)) {
                    host.stop(name);
                    stopped++;
                }
            }
            startAll(changed);
            announce(changed.keySet());
            host.useAccess(access.tokens(), access.apiToken());
            front = new HostFront(front.listen(), front.port(), front.exposedAt(), access.tokens(), access.apiToken(),
                    front.metrics());
            current = new HostConfigFile.HostConfig(next.file(), current.portArgs(), next.displays());
            LOG.info("reloaded " + config + ": " + changed.size() + " started or restarted " + changed.keySet()
                    + ", " + stopped + " stopped, " + (next.displays().size() - changed.size()) + " unchanged");
        } catch (ParameterException e) {
            LOG.severe("reload refused, nothing changed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.severe("reload failed: " + e);
        }
        notifier.ready(host.status());
    }

    /** Starts {@code plans} side by side: a display whose VM is away may take seconds to give up connecting. */
    private void startAll(Map<String, DisplayPlan> plans) {
        List<Thread> starting = new ArrayList<>();
        plans.forEach((name, plan) -> {
            Thread t = new Thread(() -> host.start(name, plan), "start-" + name);
            t.start();
            starting.add(t);
        });
        try {
            for (Thread t : starting) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: close() stops what is still starting
        }
    }

    /** Prints where each of {@code names} that runs is, in the file's order (scripts and tests read it). */
    private void announce(Iterable<String> names) {
        for (String name : names) {
            ServedDisplay d = host.display(name);
            if (d != null) {
                System.out.println("display " + name + " at " + DisplayRoutes.PREFIX + name + "/"
                        + d.addresses().stream().map(a -> ", own port " + a).findFirst().orElse(""));
            }
        }
        System.out.flush();
    }

    /** The token and listing settings of a reload. */
    private record Access(TokenGate tokens, String apiToken) {}

    /** The shared port's keys a reload applies: the tokens (secrets read again) and the listing's secret. */
    private Access access(HostConfigFile.HostConfig next) {
        HostSections.Port p = new HostSections.Port();
        CommandLine cl = new CommandLine(p);
        try {
            cl.parseArgs(next.portArgs().toArray(String[]::new));
            return new Access(tokens(cl, p, front.tokens()), apiToken(cl, p));
        } catch (ParameterException e) {
            throw new ParameterException(spec.commandLine(), next.file() + ": "
                    + ConfigArguments.inKeys(e.getMessage(), cl.getCommandSpec()));
        }
    }

    /** The shared port's arguments that only a restart applies. */
    private static List<String> fixed(List<String> portArgs) {
        return portArgs.stream().filter(a -> !a.startsWith("--token-file") && !a.startsWith("--jwt-")
                && !a.startsWith("--api-token-file")).toList();
    }

    private static Map<String, HostConfigFile.Display> byName(HostConfigFile.HostConfig c) {
        Map<String, HostConfigFile.Display> m = new LinkedHashMap<>();
        c.displays().forEach(d -> m.put(d.name(), d));
        return m;
    }

    private HostConfigFile.HostConfig read() {
        try {
            return HostConfigFile.read(config, new CommandLine(new HostSections.Port()).getCommandSpec(),
                    new CommandLine(new HostSections.Display()).getCommandSpec());
        } catch (HostConfigFile.ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The shared port's keys, checked; the socket systemd handed over takes the place of listen. */
    private HostFront front(HostConfigFile.HostConfig c, ServerSocketChannel inherited) throws IOException {
        HostSections.Port p = new HostSections.Port();
        CommandLine cl = new CommandLine(p);
        String where = c.file() + ": ";
        try {
            cl.parseArgs(c.portArgs().toArray(String[]::new));
            ListenAddress listen;
            if (inherited != null) {
                InetSocketAddress a = (InetSocketAddress) inherited.getLocalAddress();
                listen = new ListenAddress(a.getAddress().getHostAddress(), a.getPort());
            } else {
                try {
                    listen = ListenAddress.parse(p.listen);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(cl, "--listen: " + e.getMessage());
                }
            }
            WebTlsOptions.Port port;
            try {
                port = p.web.port();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, e.getMessage());
            }
            CommandSpec ps = cl.getCommandSpec();
            String exposed = Exposure.firstNonLoopback(ps, "--listen", listen);
            if (exposed == null) {
                exposed = Exposure.firstNonLoopback(ps, "--websocket", port.transport().websocket());
            }
            return new HostFront(listen, port, exposed, tokens(cl, p, null), apiToken(cl, p),
                    OpsOptions.metricsAddress(ps, p.metrics));
        } catch (ParameterException e) {
            throw new ParameterException(spec.commandLine(), where + ConfigArguments.inKeys(e.getMessage(), cl.getCommandSpec()));
        }
    }

    /** The secret of GET /displays, or null for no listing. */
    private static String apiToken(CommandLine cl, HostSections.Port p) {
        if (p.apiTokenFile == null) {
            return null;
        }
        String token;
        try {
            token = Files.readString(p.apiTokenFile).strip();
        } catch (NoSuchFileException e) {
            throw new ParameterException(cl, "--api-token-file: " + p.apiTokenFile + ": no such file");
        } catch (IOException e) {
            throw new ParameterException(cl, "--api-token-file: " + p.apiTokenFile + ": " + e.getMessage());
        }
        if (token.length() < 16) {
            throw new ParameterException(cl, "--api-token-file: " + p.apiTokenFile + ": the secret has " + token.length()
                    + " characters; at least 16 are needed");
        }
        return token;
    }

    /** The token gate the shared port's keys ask for, or null for none. */
    private static TokenGate tokens(CommandLine cl, HostSections.Port p, TokenGate before) {
        TokenFile file = null;
        SignedTokens signed = null;
        if (p.tokenFile != null) {
            try {
                file = new TokenFile(p.tokenFile);
            } catch (IOException e) {
                throw new ParameterException(cl, "--token-file: " + e.getMessage());
            }
        }
        if (p.jwtMaxLifetime < 1 || p.jwtMaxLifetime > 86_400) {
            throw new ParameterException(cl, "--jwt-max-lifetime must be 1-86400 s, got " + p.jwtMaxLifetime);
        }
        if (p.jwtSecretFile != null) {
            try {
                signed = before != null && before.signed() != null
                        ? before.signed().reloaded(p.jwtSecretFile, p.jwtMaxLifetime)
                        : new SignedTokens(p.jwtSecretFile, p.jwtMaxLifetime, System::currentTimeMillis);
            } catch (IOException e) {
                throw new ParameterException(cl, "--jwt-secret-file: " + e.getMessage());
            }
        }
        return file == null && signed == null ? null : new TokenGate(file, signed);
    }

    /** One display's keys checked by serve's own checks, for a port behind the shared one. */
    private DisplayPlan plan(HostConfigFile.Display d) {
        HostSections.Display section = new HostSections.Display();
        CommandLine cl = new CommandLine(section);
        try {
            cl.parseArgs(d.args().toArray(String[]::new));
            ListenAddress own = null;
            if (section.listen != null) {
                try {
                    own = ListenAddress.parse(section.listen);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(cl, "--listen: " + e.getMessage());
                }
            }
            String exposed = front.exposedAt() != null ? front.exposedAt()
                    : Exposure.firstNonLoopback(cl.getCommandSpec(), "--listen", own);
            WebTlsOptions.Port shared = front.port();
            WebTlsOptions.Port ownPort = new WebTlsOptions.Port(shared.tls(), shared.requireTls(),
                    shared.transport().withWebSocketListener(null));
            return section.display.plan(cl.getCommandSpec(), new DisplayOptions.Front(ownPort, own, exposed));
        } catch (ParameterException e) {
            throw new ParameterException(spec.commandLine(), config + ": display '" + d.name() + "': "
                    + ConfigArguments.inKeys(e.getMessage(), cl.getCommandSpec()));
        }
    }
}
