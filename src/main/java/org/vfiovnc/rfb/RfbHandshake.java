package org.vfiovnc.rfb;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.vfiovnc.protocol.ProtocolException;
import org.vfiovnc.rfb.security.Authenticated;
import org.vfiovnc.rfb.security.AuthenticationException;
import org.vfiovnc.rfb.security.SecurityPolicy;
import org.vfiovnc.rfb.security.SecurityType;
import org.vfiovnc.transport.Connection;

/**
 * The RFB handshake up to and including the client's ClientInit: protocol version, security
 * negotiation and the SecurityResult. Versions 3.3, 3.7 and 3.8 are spoken; 3.4-3.6 (and Apple's
 * 3.889) are answered as 3.3 / 3.8 as the spec and common practice ask.
 */
public final class RfbHandshake {

    /**
     * What the handshake established; {@code authenticated} and {@code user} say who the viewer
     * proved to be (see {@link Authenticated}).
     */
    public record Result(Connection connection, int minorVersion, boolean shared, SecurityType security,
                         boolean authenticated, String user) {}

    /**
     * Lets the server time the phases and throttle failures. The authentication exchange gets its
     * own (longer) deadline because a viewer may be asking a person for the password meanwhile.
     */
    public interface Watch {
        /** The chosen type's exchange starts (true) or ended (false). */
        default void authenticating(boolean started) throws IOException {}

        /** The client failed to authenticate; called before the failure is answered, may delay it. */
        default void authenticationFailed() {}

        Watch NONE = new Watch() {};
    }

    private final SecurityPolicy security;
    private final Watch watch;

    /** One fixed list of types for every connection. */
    public RfbHandshake(List<SecurityType> offered) {
        this(SecurityPolicy.fixed(offered), Watch.NONE);
    }

    public RfbHandshake(SecurityPolicy security) {
        this(security, Watch.NONE);
    }

    public RfbHandshake(SecurityPolicy security, Watch watch) {
        this.security = security;
        this.watch = watch;
    }

    /**
     * Refuses the connection the way the protocol allows: after the version exchange, an empty
     * security-type list (a zero type for 3.3) followed by the reason, which viewers show.
     */
    public void refuse(Connection c, String reason) throws IOException {
        OutputStream out = c.output();
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        refuseAfterVersion(out, readVersion(new DataInputStream(c.input())), reason);
    }

    /** An empty security-type list (a zero type for 3.3) and the reason. */
    private static void refuseAfterVersion(OutputStream out, int minor, String reason) throws IOException {
        if (minor == 3) {
            writeU32(out, 0);
        } else {
            out.write(0);
        }
        writeReason(out, reason);
    }

    public Result run(Connection c) throws IOException {
        OutputStream out = c.output();
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        int minor = readVersion(new DataInputStream(c.input()));
        SecurityPolicy.Offer offer = security.offerFor(c);
        if (offer.types().isEmpty()) {
            // Told the way the protocol allows, so the viewer shows the reason to its user.
            refuseAfterVersion(out, minor, offer.refusal());
            throw new ProtocolException("refused " + SecurityPolicy.Route.of(c) + ": " + offer.refusal());
        }
        List<SecurityType> offered = offer.types();
        SecurityType chosen;
        if (minor == 3) {
            chosen = offered.stream().filter(SecurityType::usableWithRfb33).findFirst().orElse(null);
            if (chosen == null) {
                writeU32(out, 0);
                writeReason(out, "this server requires a security type that RFB 3.3 clients cannot use");
                throw new ProtocolException("RFB 3.3 client, but no 3.3-compatible security type is enabled");
            }
            writeU32(out, chosen.code());
            out.flush();
        } else {
            out.write(offered.size());
            for (SecurityType t : offered) {
                out.write(t.code());
            }
            out.flush();
            int pick = new DataInputStream(c.input()).readUnsignedByte();
            chosen = offered.stream().filter(t -> t.code() == pick).findFirst().orElse(null);
            if (chosen == null) {
                if (minor >= 8) {
                    writeU32(out, 1);
                    writeReason(out, "security type " + pick + " was not offered");
                }
                throw new ProtocolException("client chose security type " + pick + ", which was not offered");
            }
        }
        Authenticated who;
        try {
            watch.authenticating(true);
            who = chosen.authenticate(c, minor);
            watch.authenticating(false);
        } catch (AuthenticationException e) {
            watch.authenticationFailed();
            // 3.3 and 3.7 send a result only for types that authenticate; 3.8 always, with a reason.
            if (minor >= 8 || chosen.authenticates()) {
                // A type that had already switched to TLS answers inside it.
                OutputStream o = e.connection() != null ? e.connection().output() : c.output();
                writeU32(o, 1);
                if (minor >= 8) {
                    writeReason(o, e.getMessage());
                }
                o.flush();
            }
            throw e;
        }
        Connection conn = who.connection();
        OutputStream o = conn.output();
        if (minor >= 8 || chosen.authenticates()) {
            writeU32(o, 0);
            o.flush();
        }
        int shared = new DataInputStream(conn.input()).readUnsignedByte();
        return new Result(conn, minor, shared != 0, chosen, who.proven(), who.user());
    }

    static int readVersion(DataInputStream in) throws IOException {
        byte[] v = new byte[12];
        in.readFully(v);
        String s = new String(v, StandardCharsets.US_ASCII);
        if (!s.matches("RFB \\d{3}\\.\\d{3}\n")) {
            throw new ProtocolException("bad protocol version string " + printable(v));
        }
        int major = Integer.parseInt(s.substring(4, 7));
        int minor = Integer.parseInt(s.substring(8, 11));
        if (major != 3) {
            throw new ProtocolException("unsupported protocol version " + s.trim());
        }
        if (minor < 3) {
            throw new ProtocolException("unsupported protocol version " + s.trim());
        }
        if (minor < 7) {
            return 3;
        }
        return minor == 7 ? 7 : 8;
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : b) {
            int c = x & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.append('"').toString();
    }

    private static void writeU32(OutputStream out, int v) throws IOException {
        out.write(new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
    }

    private static void writeReason(OutputStream out, String reason) throws IOException {
        byte[] b = reason.getBytes(StandardCharsets.UTF_8);
        writeU32(out, b.length);
        out.write(b);
        out.flush();
    }
}
