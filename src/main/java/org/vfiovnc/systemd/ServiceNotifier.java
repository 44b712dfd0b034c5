package org.vfiovnc.systemd;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Tells the service manager how the service is doing (the sd_notify protocol, without libsystemd):
 * one datagram per message to the unix socket named in NOTIFY_SOCKET, e.g. "READY=1" once the
 * service serves, "STATUS=..." for systemctl status, "RELOADING=1" and "STOPPING=1", and
 * "WATCHDOG=1" at half of WATCHDOG_USEC while the service is healthy. Without NOTIFY_SOCKET (not
 * started by systemd, or Type= is not notify) every call does nothing. A message that cannot be
 * sent is logged; it never fails the service.
 */
public final class ServiceNotifier implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ServiceNotifier.class.getName());

    private final String socket;
    private final long watchdogUsec;
    private UnixDatagram channel;
    private ScheduledExecutorService watchdog;

    private ServiceNotifier(String socket, long watchdogUsec) {
        this.socket = socket;
        this.watchdogUsec = watchdogUsec;
    }

    /** From this process's environment (NOTIFY_SOCKET, WATCHDOG_USEC, WATCHDOG_PID). */
    public static ServiceNotifier fromEnvironment() {
        String socket = System.getenv("NOTIFY_SOCKET");
        if (socket != null && !socket.startsWith("/") && !socket.startsWith("@")) {
            LOG.warning("NOTIFY_SOCKET=" + socket + " is neither a path nor an abstract name: not notifying");
            socket = null;
        }
        long usec = 0;
        String pid = System.getenv("WATCHDOG_PID");
        if (pid == null || pid.equals(String.valueOf(ProcessHandle.current().pid()))) {
            try {
                usec = Long.parseLong(System.getenv().getOrDefault("WATCHDOG_USEC", "0"));
            } catch (NumberFormatException e) {
                LOG.warning("WATCHDOG_USEC is not a number: no watchdog pings");
            }
        }
        return new ServiceNotifier(socket, Math.max(0, usec));
    }

    /** Whether a service manager listens. */
    public boolean active() {
        return socket != null;
    }

    /** The service serves now. */
    public void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status));
    }

    public void status(String status) {
        send("STATUS=" + oneLine(status));
    }

    /** A reload begins (with the monotonic time systemd's notify-reload wants); {@link #ready} ends it. */
    public void reloading() {
        send("RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1000);
    }

    public void stopping() {
        send("STOPPING=1");
    }

    /**
     * Pings the watchdog at half its interval while {@code healthy} says so; a service that stops
     * answering (its accept loop died, or it hangs) is then restarted by the service manager.
     */
    public synchronized void startWatchdog(BooleanSupplier healthy) {
        if (socket == null || watchdogUsec == 0 || watchdog != null) {
            return;
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "systemd-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, watchdogUsec / 2);
        watchdog.scheduleAtFixedRate(() -> {
            if (healthy.getAsBoolean()) {
                send("WATCHDOG=1");
            } else {
                LOG.warning("not healthy: no watchdog ping");
            }
        }, 0, period, TimeUnit.MICROSECONDS);
        LOG.info("systemd watchdog: a ping every " + period / 1000 + " ms");
    }

    private synchronized void send(String message) {
        if (socket == null) {
            return;
        }
        try {
            if (channel == null) {
                channel = UnixDatagram.open();
            }
            channel.send(socket, message);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.warning("cannot notify the service manager (" + message.lines().findFirst().orElse("") + "): " + e.getMessage());
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ');
    }

    @Override
    public synchronized void close() {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
