package org.vfiovnc.rfb.security;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.vfiovnc.protocol.ProtocolException;
import org.vfiovnc.transport.Connection;
import org.vfiovnc.transport.tls.TlsServer;

/**
 * Security type 19, VeNCrypt 0.2: agree on the version, offer the configured subtypes, then start
 * TLS (anonymous or with the certificate) and run the inner authentication over it. The session
 * continues on the TLS connection. Plain (passwords in the clear) is offered only on a connection
 * that is already encrypted (wss://) unless plain-text passwords were explicitly allowed.
 */
public final class VeNCryptSecurity implements SecurityType {
    private final List<VeNCryptSubtype> subtypes;
    private final TlsServer tls;
    private final VncPassword password;
    private final PlainCheck users;
    private final boolean allowPlainTextPasswords;

    /**
     * @param tls      needed for TLS/X509 subtypes
     * @param password needed for *Vnc subtypes
     * @param users    needed for *Plain subtypes
     */
    public VeNCryptSecurity(List<VeNCryptSubtype> subtypes, TlsServer tls, VncPassword password, PlainCheck users,
                            boolean allowPlainTextPasswords) {
        if (subtypes.isEmpty()) {
            throw new IllegalArgumentException("VeNCrypt needs at least one subtype");
        }
        for (VeNCryptSubtype s : subtypes) {
            if (s.tls() != VeNCryptSubtype.Tls.NONE && tls == null) {
                throw new IllegalArgumentException(s.displayName() + " needs a TLS certificate (--tls-cert/--tls-key or --tls-generate)");
            }
            if (s.inner() == VeNCryptSubtype.Inner.VNC && password == null) {
                throw new IllegalArgumentException(s.displayName() + " needs --password-file");
            }
            if (s.inner() == VeNCryptSubtype.Inner.PLAIN && users == null) {
                throw new IllegalArgumentException(s.displayName() + " needs --users-file");
            }
        }
        this.subtypes = List.copyOf(subtypes);
        this.tls = tls;
        this.password = password;
        this.users = users;
        this.allowPlainTextPasswords = allowPlainTextPasswords;
    }

    /** Who may log in with the Plain subtypes, or null when none is configured. */
    public PlainCheck users() {
        return users;
    }

    public List<VeNCryptSubtype> subtypes() {
        return subtypes;
    }

    @Override
    public int code() {
        return 19;
    }

    @Override
    public String name() {
        return "VeNCrypt";
    }

    @Override
    public boolean authenticates() {
        return true;
    }

    /** The subtypes offered on this connection (Plain only where it is safe or allowed). */
    List<VeNCryptSubtype> offeredOn(Connection c) {
        List<VeNCryptSubtype> offered = new ArrayList<>();
        for (VeNCryptSubtype s : subtypes) {
            if (s == VeNCryptSubtype.PLAIN && !c.isEncrypted() && !allowPlainTextPasswords) {
                continue;
            }
            offered.add(s);
        }
        return offered;
    }

    @Override
    public Authenticated authenticate(Connection c, int minorVersion) throws IOException {
        OutputStream out = c.output();
        DataInputStream in = new DataInputStream(c.input());
        out.write(new byte[] {0, 2});
        out.flush();
        int major = in.readUnsignedByte();
        int minor = in.readUnsignedByte();
        if (major != 0 || minor != 2) {
            out.write(0xff);
            out.flush();
            throw new ProtocolException("client wants VeNCrypt " + major + "." + minor + ", only 0.2 is spoken");
        }
        out.write(0);
        List<VeNCryptSubtype> offered = offeredOn(c);
        if (offered.isEmpty()) {
            // A zero-length list tells the client there is nothing it may use here.
            out.write(0);
            out.flush();
            throw new AuthenticationException("no VeNCrypt subtype is allowed on an unencrypted connection");
        }
        out.write(offered.size());
        for (VeNCryptSubtype s : offered) {
            writeU32(out, s.code());
        }
        out.flush();
        int pick = in.readInt();
        VeNCryptSubtype chosen = offered.stream().filter(s -> s.code() == pick).findFirst().orElse(null);
        if (chosen == null) {
            throw new ProtocolException("client chose VeNCrypt subtype " + pick + ", which was not offered");
        }
        Connection inner = switch (chosen.tls()) {
            case NONE -> c;
            case ANONYMOUS -> {
                acknowledge(out);
                yield tls.acceptAnonymous(c);
            }
            case X509 -> {
                acknowledge(out);
                yield tls.acceptVeNCrypt(c);
            }
        };
        return switch (chosen.inner()) {
            case NONE -> Authenticated.anonymous(inner);
            case VNC -> {
                try {
                    yield new VncAuthSecurity(password).authenticate(inner, minorVersion);
                } catch (AuthenticationException e) {
                    throw new AuthenticationException(e.getMessage(), inner);
                }
            }
            case PLAIN -> Authenticated.asUser(inner, PlainAuth.run(inner, users));
        };
    }

    /** The server's go-ahead byte before a TLS subtype's handshake. */
    private static void acknowledge(OutputStream out) throws IOException {
        out.write(1);
        out.flush();
    }

    private static void writeU32(OutputStream out, int v) throws IOException {
        out.write(new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
    }
}
