package org.vfiovnc.transport;

import java.io.IOException;
import java.net.InetAddress;

/**
 * A layer on another connection (TLS, WebSocket, replayed sniffed bytes): it answers for its own
 * streams and hands the rest - peer address, read timeout, what lies below - down the stack.
 */
public abstract class LayeredConnection implements Connection {
    /** The connection this layer wraps. */
    protected final Connection below;
    /** The layer's word in {@link #describe()} ("tls", "ws"), or empty for a layer that adds none. */
    private final String layer;

    protected LayeredConnection(Connection below, String layer) {
        this.below = below;
        this.layer = layer;
    }

    @Override
    public InetAddress remoteAddress() {
        return below.remoteAddress();
    }

    @Override
    public String describe() {
        return layer.isEmpty() ? below.describe() : below.describe() + " " + layer;
    }

    @Override
    public void setReadTimeout(int millis) throws IOException {
        below.setReadTimeout(millis);
    }

    @Override
    public boolean isEncrypted() {
        return below.isEncrypted();
    }

    @Override
    public boolean overWebSocket() {
        return below.overWebSocket();
    }

    @Override
    public void close() {
        below.close();
    }
}
