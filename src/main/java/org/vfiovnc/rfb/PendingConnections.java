package org.vfiovnc.rfb;

import java.util.HashSet;
import java.util.Set;
import org.vfiovnc.transport.Connection;
import org.vfiovnc.transport.ConnectionSlots;

/**
 * Connections still in the handshake, limited per address as well as in all: authentication may
 * take a minute, so without a share per address a few unauthenticated peers that stop after the
 * challenge would take every place and keep everyone else out. The total stays as a backstop
 * against many addresses at once.
 */
public final class PendingConnections {
    private final Set<Connection> connections = new HashSet<>();
    private final ConnectionSlots slots;
    private boolean closed;

    public PendingConnections(int total, int perAddress) {
        this.slots = new ConnectionSlots(total, perAddress);
    }

    /** Adds {@code c}; null when added, else why it is refused. */
    public synchronized String tryAdd(Connection c) {
        if (closed) {
            return "server shutting down";
        }
        String full = slots.tryTake(c.remoteAddress());
        if (full != null) {
            return "too many connections in the handshake: " + full;
        }
        connections.add(c);
        return null;
    }

    /** The connection left the handshake (admitted, refused or gone). */
    public synchronized void remove(Connection c) {
        if (connections.remove(c)) {
            slots.release(c.remoteAddress());
        }
    }

    synchronized int size() {
        return connections.size();
    }

    /** Closes every pending connection and refuses new ones. */
    public synchronized void closeAll() {
        closed = true;
        for (Connection c : connections) {
            c.close();
        }
    }
}
