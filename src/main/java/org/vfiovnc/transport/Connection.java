package org.vfiovnc.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Optional;

/**
 * A byte stream to one viewer, whatever carries it (TCP, TLS, WebSocket). Layers stack by wrapping:
 * a TLS or WebSocket connection wraps the one below, so the RFB code never knows what it runs over.
 */
public interface Connection extends Closeable {

    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** The peer's address, for logs and for throttling failed logins. */
    InetAddress remoteAddress();

    /** "ip:port" plus the layers, for log lines, e.g. "127.0.0.1:51234 tcp". */
    String describe();

    /** Read timeout in milliseconds for blocking reads; 0 = none. */
    void setReadTimeout(int millis) throws IOException;

    /** Whether the bytes are encrypted on the wire (TLS at some layer). */
    default boolean isEncrypted() {
        return false;
    }

    /** Whether the viewer speaks through a WebSocket: a browser, which can never start TLS inside the stream. */
    default boolean overWebSocket() {
        return false;
    }

    /**
     * The TCP socket under every layer, for a layer that must take it over (TLS wraps the socket
     * itself); empty when the bytes travel over another layer that owns its framing.
     */
    default Optional<Socket> tcpSocket() {
        return Optional.empty();
    }

    @Override
    void close();
}
