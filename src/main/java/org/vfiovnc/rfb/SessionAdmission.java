package org.vfiovnc.rfb;

import java.io.IOException;
import java.net.InetAddress;
import org.vfiovnc.protocol.ProtocolException;
import org.vfiovnc.transport.Connection;

/**
 * How a session gets into its server and out again: the handshake under the server's deadlines
 * and authentication throttle, admission under the share policy and the client limit, removal.
 */
interface SessionAdmission {

    /** Runs the handshake of a pending connection; the connection stops counting as pending when this returns. */
    RfbHandshake.Result handshake(Connection c) throws IOException;

    /** Admits a viewer after its ClientInit; throws to refuse it. */
    void admit(ClientSession s, boolean shared) throws ProtocolException;

    void authenticationFailed(InetAddress from);

    /** The session has ended. */
    void remove(ClientSession s);
}
