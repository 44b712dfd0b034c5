package org.vfiovnc.transport;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Slots for connections in one costly stage (at the door, in the handshake), limited in all and
 * per peer ({@link PeerGroup}): a peer that fills its own share cannot keep the others out, and the
 * total stays a backstop against many peers at once.
 */
public final class ConnectionSlots {
    private final int total;
    private final int perPeer;
    private final Map<InetAddress, Integer> byPeer = new HashMap<>();
    private int taken;

    public ConnectionSlots(int total, int perPeer) {
        if (total < 1 || perPeer < 1) {
            throw new IllegalArgumentException("slot limits must be positive");
        }
        this.total = total;
        this.perPeer = Math.min(perPeer, total);
    }

    /** Takes a slot for a connection from {@code peer}; null when taken, else why not. */
    public synchronized String tryTake(InetAddress peer) {
        if (taken >= total) {
            return taken + " in all (limit " + total + ")";
        }
        InetAddress key = PeerGroup.of(peer);
        int mine = byPeer.getOrDefault(key, 0);
        if (mine >= perPeer) {
            return mine + " from this address (limit " + perPeer + " per address)";
        }
        byPeer.put(key, mine + 1);
        taken++;
        return null;
    }

    /** Gives back a slot taken for {@code peer}. */
    public synchronized void release(InetAddress peer) {
        InetAddress key = PeerGroup.of(peer);
        Integer mine = byPeer.get(key);
        if (mine == null) {
            return;
        }
        if (mine <= 1) {
            byPeer.remove(key);
        } else {
            byPeer.put(key, mine - 1);
        }
        taken--;
    }

    public synchronized int taken() {
        return taken;
    }
}
