package org.vfiovnc.source.qemudbus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.connections.impl.DirectConnection;
import org.freedesktop.dbus.connections.impl.DirectConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * The peer-to-peer D-Bus connection QEMU calls the listener on. RegisterListener wants one end of a
 * connected socket; dbus-java can only open a connection to an address. So the channel listens on a
 * private socket in a fresh temporary directory, lets dbus-java connect to it as a peer-to-peer
 * client (with the listener already exported, so QEMU's first Scanout finds it), accepts, and hands
 * the accepted end to QEMU. The path is removed as soon as the one connection is made.
 */
final class ListenerChannel implements AutoCloseable {
    private final DirectConnection connection;
    /**
     * Our copy of QEMU's end. junixsocket shuts a socket down when it closes it, which would cut
     * QEMU off too, so it stays open while the channel lives; QEMU's departure is therefore seen on
     * the bus (its name's owner), not as end-of-file here.
     */
    private final AFUNIXSocket qemuEnd;

    private ListenerChannel(DirectConnection connection, AFUNIXSocket qemuEnd) {
        this.connection = connection;
        this.qemuEnd = qemuEnd;
    }

    /**
     * Connects {@code listener} to QEMU through {@code console}.
     */
    static ListenerChannel register(Display1Console console, Display1Listener listener, long timeoutMs)
            throws IOException {
        Path dir = Files.createTempDirectory("vfio-vnc-qemu-dbus");
        Path sock = dir.resolve("listener");
        DirectConnection conn = null;
        AFUNIXSocket accepted = null;
        try (AFUNIXServerSocket server = AFUNIXServerSocket.bindOn(AFUNIXSocketAddress.of(sock))) {
            server.setSoTimeout((int) timeoutMs);
            conn = DirectConnectionBuilder.forAddress("unix:path=" + sock)
                    .transportConfig().withAutoConnect(false).back()
                    // One call at a time, in QEMU's order: an Update must never overtake its Scanout.
                    .receivingThreadConfig().withMethodCallThreadCount(1).connectionConfig()
                    .build();
            conn.exportObject(QemuDbusSource.LISTENER_PATH, listener);
            DirectConnection c = conn;
            // connect() authenticates, which needs QEMU on the other end: run it while we hand the socket over.
            CompletableFuture<Boolean> connecting = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.connect();
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            accepted = server.accept();
            int fd = FileDescriptorCast.using(accepted.getFileDescriptor()).as(Integer.class);
            console.registerListener(new FileDescriptor(fd));
            if (!connecting.get(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new IOException("peer-to-peer connection to QEMU did not come up");
            }
            ListenerChannel ch = new ListenerChannel(conn, accepted);
            conn = null;
            accepted = null;
            return ch;
        } catch (DBusException | RuntimeException e) {
            throw new IOException("cannot register a listener with QEMU: " + message(e), e);
        } catch (ExecutionException e) {
            throw new IOException("cannot register a listener with QEMU: " + message(e.getCause()), e);
        } catch (TimeoutException e) {
            throw new IOException("QEMU did not take the listener connection within " + timeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while registering with QEMU", e);
        } finally {
            if (conn != null) {
                conn.disconnect();
            }
            if (accepted != null) {
                accepted.close();
            }
            Files.deleteIfExists(sock);
            Files.deleteIfExists(dir);
        }
    }

    static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    boolean isConnected() {
        return connection.isConnected();
    }

    /**
     * Cuts QEMU off first (closing our copy of its end shuts the socket down), so that it stops
     * sending to a listener we no longer read, then disconnects, which waits for the calls already
     * queued.
     */
    @Override
    public void close() {
        try {
            qemuEnd.close();
        } catch (IOException e) {
            // already gone
        }
        connection.disconnect();
    }
}
