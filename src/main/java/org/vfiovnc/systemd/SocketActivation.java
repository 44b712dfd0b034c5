package org.vfiovnc.systemd;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.util.logging.Logger;

/**
 * Socket activation: the service manager (systemd, or {@code systemd-socket-activate}) opens the
 * listening socket and starts the service with it as fd 3, LISTEN_FDS=1 and LISTEN_PID set to
 * the service's pid. The JDK can adopt an inherited socket only on fd 0
 * ({@link System#inheritedChannel}), so fd 3 is moved there first; nothing here reads stdin.
 */
public final class SocketActivation {
    private static final Logger LOG = Logger.getLogger(SocketActivation.class.getName());
    static final int FIRST_FD = 3;

    private SocketActivation() {}

    /** The listening TCP socket handed over, or null when none was (the service then binds its own). */
    public static ServerSocketChannel listener() throws IOException {
        String pid = System.getenv("LISTEN_PID");
        String fds = System.getenv("LISTEN_FDS");
        if (pid == null || fds == null) {
            return null;
        }
        if (!pid.equals(String.valueOf(ProcessHandle.current().pid()))) {
            LOG.fine("LISTEN_PID " + pid + " is another process's: no socket activation");
            return null;
        }
        int count;
        try {
            count = Integer.parseInt(fds);
        } catch (NumberFormatException e) {
            throw new IOException("socket activation: LISTEN_FDS is not a number: " + fds);
        }
        if (count < 1) {
            return null;
        }
        if (count > 1) {
            LOG.warning("socket activation: " + count + " sockets passed; only the first (fd 3) is used");
        }
        try {
            SystemdLibC.INSTANCE.dup2(FIRST_FD, 0);
            SystemdLibC.INSTANCE.close(FIRST_FD);
        } catch (LastErrorException | LinkageError e) {
            throw new IOException("socket activation: cannot take over fd 3: " + e.getMessage(), e);
        }
        Channel ch = System.inheritedChannel();
        if (!(ch instanceof ServerSocketChannel server) || !(server.getLocalAddress() instanceof InetSocketAddress a)) {
            if (ch != null) {
                ch.close();
            }
            throw new IOException("socket activation: fd 3 is not a listening TCP socket (ListenStream=HOST:PORT)");
        }
        LOG.info("socket activation: listening on the inherited socket " + a);
        return server;
    }
}
