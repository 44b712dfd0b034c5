package org.vfiovnc.transport.door;

import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.http.OriginPolicy;
import org.vfiovnc.transport.http.StaticFiles;
import org.vfiovnc.transport.sniff.ProtocolSniffer;
import org.vfiovnc.transport.tls.TlsServer;

/**
 * How listeners treat connections beyond plain RFB.
 *
 * @param sniff        tell RFB, HTTP/WebSocket and TLS apart on the RFB port (else plain RFB only)
 * @param web          files served to browsers, or null (page requests get 404; WebSocket still works)
 * @param tls          the TLS setup for https/wss and VeNCrypt, or null
 * @param websocket    an extra listener for browsers only (HTTP, WebSocket, TLS), or null
 * @param sniffWaitMs  how long a silent client is given before it is taken for an RFB viewer
 * @param origins      which pages may open a WebSocket, and which Host names a loopback address answers
 * @param requireTls   the page over plain http:// is redirected to https:// on the same port (the
 *                     RFB server refuses ws:// itself, with the reason)
 */
public record TransportOptions(boolean sniff, StaticFiles web, TlsServer tls, ListenAddress websocket, int sniffWaitMs,
                               OriginPolicy origins, boolean requireTls) {

    public TransportOptions {
        java.util.Objects.requireNonNull(origins);
        if (requireTls && tls == null) {
            throw new IllegalArgumentException("requiring TLS needs a TLS setup");
        }
    }

    /** Plain RFB only, as before WebSocket and TLS existed. */
    public static TransportOptions plainRfb() {
        return new TransportOptions(false, null, null, null, ProtocolSniffer.DEFAULT_WAIT_MS, OriginPolicy.sameOrigin(), false);
    }

    /** Sniffing on the RFB port with the given page and TLS setup (either may be null); WebSocket from the own page only. */
    public static TransportOptions sniffing(StaticFiles web, TlsServer tls) {
        return new TransportOptions(true, web, tls, null, ProtocolSniffer.DEFAULT_WAIT_MS, OriginPolicy.sameOrigin(), false);
    }

    public TransportOptions withWebSocketListener(ListenAddress address) {
        return new TransportOptions(sniff, web, tls, address, sniffWaitMs, origins, requireTls);
    }

    public TransportOptions withOrigins(OriginPolicy policy) {
        return new TransportOptions(sniff, web, tls, websocket, sniffWaitMs, policy, requireTls);
    }

    /** Whether the page must be loaded over https (see {@code requireTls}). */
    public TransportOptions withRequireTls(boolean require) {
        return new TransportOptions(sniff, web, tls, websocket, sniffWaitMs, origins, require);
    }
}
