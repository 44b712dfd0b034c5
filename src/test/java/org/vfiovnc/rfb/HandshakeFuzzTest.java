package org.vfiovnc.rfb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.List;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.rfb.security.SecurityType;
import org.vfiovnc.rfb.security.VncAuthSecurity;
import org.vfiovnc.rfb.security.VncPassword;
import org.vfiovnc.testing.MemoryConnection;

/**
 * Fuzzes everything a client sends before it is admitted: version string, security choice, the
 * VncAuth response and ClientInit. The only acceptable failure is an IOException (protocol error,
 * failed authentication, end of input); anything else is a finding. Regression inputs live in
 * src/test/resources/org/vfiovnc/rfb/HandshakeFuzzTestInputs/.
 */
class HandshakeFuzzTest {
    private static final List<SecurityType> VNC_AUTH_FIRST =
            List.of(new VncAuthSecurity(VncPassword.of("fuzzpass")), new NoneSecurity());
    private static final List<SecurityType> NONE_ONLY = List.of(new NoneSecurity());

    @FuzzTest
    void handshake(byte[] fromClient) {
        // First byte picks the configuration so both auth paths and the 3.3 rules get covered.
        if (fromClient.length == 0) {
            return;
        }
        List<SecurityType> offered = (fromClient[0] & 1) == 0 ? VNC_AUTH_FIRST : NONE_ONLY;
        byte[] rest = java.util.Arrays.copyOfRange(fromClient, 1, fromClient.length);
        MemoryConnection c = new MemoryConnection(rest);
        try {
            RfbHandshake.Result r = new RfbHandshake(offered).run(c);
            if (r.security() == null || r.minorVersion() < 3) {
                throw new IllegalStateException("incomplete handshake result " + r);
            }
        } catch (IOException expected) {
            // malformed, refused or short input: closes that client only
        }
    }

    @FuzzTest
    void refusal(byte[] fromClient) {
        try {
            new RfbHandshake(VNC_AUTH_FIRST).refuse(new MemoryConnection(fromClient), "blocked");
        } catch (IOException expected) {
            // malformed or short input
        }
    }
}
