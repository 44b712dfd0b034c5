package org.vfiovnc.transport.sniff;

import org.vfiovnc.transport.Connection;

/**
 * What the first bytes of a connection said, and the connection to go on with (which reads those
 * bytes again).
 */
public record Sniffed(Protocol protocol, Connection connection, byte[] consumed) {

    /** What a client speaks. */
    public enum Protocol {
        /** Nothing arrived in time, or something else: a native viewer waiting for the greeting. */
        RFB,
        /** "GET " - a browser asking for the page or a WebSocket upgrade. */
        HTTP,
        /** 0x16 - a TLS ClientHello. */
        TLS
    }
}
