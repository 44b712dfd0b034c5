package org.vfiovnc.transport.sniff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import org.vfiovnc.transport.Connection;

/**
 * Tells RFB, HTTP and TLS clients apart on one port by their first bytes, as libvncserver does.
 * RFB viewers send nothing until the server's greeting, so the sniffer waits at most
 * {@link #DEFAULT_WAIT_MS} for a first byte: that is the delay a native viewer pays once per
 * connection. Browsers and TLS clients speak first and are recognised at once.
 */
public final class ProtocolSniffer {
    /** How long a silent client is given before it is taken for an RFB viewer. */
    public static final int DEFAULT_WAIT_MS = 120;
    /** Time for the rest of "GET " once a 'G' came (a slow network may split it). */
    private static final int REST_WAIT_MS = 2000;

    private final int waitMs;

    public ProtocolSniffer(int waitMs) {
        this.waitMs = waitMs;
    }

    public Sniffed sniff(Connection c) throws IOException {
        return sniff(c, waitMs);
    }

    /** As {@link #sniff(Connection)} with another wait for the first byte. */
    public Sniffed sniff(Connection c, int waitMs) throws IOException {
        InputStream in = c.input();
        ByteArrayOutputStream seen = new ByteArrayOutputStream(4);
        Sniffed.Protocol p = Sniffed.Protocol.RFB;
        c.setReadTimeout(waitMs);
        try {
            int first = in.read();
            if (first < 0) {
                throw new IOException("client closed the connection before saying anything");
            }
            seen.write(first);
            if (first == 0x16) {
                p = Sniffed.Protocol.TLS;
            } else if (first == 'G') {
                c.setReadTimeout(REST_WAIT_MS);
                p = Sniffed.Protocol.HTTP;
                for (char expect : "ET ".toCharArray()) {
                    int b = in.read();
                    if (b < 0) {
                        throw new IOException("client closed the connection after " + seen.size() + " bytes");
                    }
                    seen.write(b);
                    if (b != expect) {
                        p = Sniffed.Protocol.RFB;
                        break;
                    }
                }
            }
        } catch (SocketTimeoutException silent) {
            // A silent client is a native viewer waiting for the server to speak first.
        } finally {
            c.setReadTimeout(0);
        }
        byte[] consumed = seen.toByteArray();
        return new Sniffed(p, new ReplayConnection(c, consumed), consumed);
    }
}
