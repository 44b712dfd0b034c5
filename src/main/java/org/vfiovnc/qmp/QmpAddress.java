package org.vfiovnc.qmp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Where one of QEMU's sockets listens (its QMP monitor, or a guest agent's chardev):
 * {@code unix:PATH} or {@code tcp:HOST:PORT}.
 */
public record QmpAddress(Path unixPath, String host, int port) {

    public static QmpAddress parse(String text) {
        if (text != null && text.startsWith("unix:") && text.length() > 5) {
            return new QmpAddress(Path.of(text.substring(5)), null, 0);
        }
        if (text != null && text.startsWith("tcp:")) {
            int colon = text.lastIndexOf(':');
            if (colon > 4) {
                try {
                    int port = Integer.parseInt(text.substring(colon + 1));
                    if (port > 0 && port < 65536) {
                        return new QmpAddress(null, text.substring(4, colon), port);
                    }
                } catch (NumberFormatException e) {
                    // fall through to the message below
                }
            }
        }
        throw new IllegalArgumentException("bad socket address '" + text + "'; expected unix:PATH or tcp:HOST:PORT");
    }

    /** A blocking channel connected to the monitor. */
    SocketChannel connect() throws IOException {
        if (unixPath != null) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(unixPath));
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            return ch;
        }
        SocketAddress a = new InetSocketAddress(host, port);
        return SocketChannel.open(a);
    }

    @Override
    public String toString() {
        return unixPath != null ? "unix:" + unixPath : "tcp:" + host + ":" + port;
    }
}
