package org.vfiovnc.rfb.security;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.vfiovnc.testing.RawRfbClient;

/**
 * A minimal VeNCrypt client for refusal tests that real viewers cannot script (a certificate the
 * client does not trust, a wrong password inside TLS): RFB 3.8, type 19, one X509 subtype.
 */
final class VeNCryptTestClient {
    /** The SecurityResult (0 = ok) and, when ok, the desktop size from ServerInit. */
    record Outcome(int result, String reason, int width, int height) {}

    private VeNCryptTestClient() {}

    static Outcome connect(int port, VeNCryptSubtype subtype, X509Certificate trusted, String user, String password) throws Exception {
        try (Socket tcp = new Socket("127.0.0.1", port)) {
            tcp.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(tcp.getInputStream());
            DataOutputStream out = new DataOutputStream(tcp.getOutputStream());
            byte[] version = new byte[12];
            in.readFully(version);
            out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            int n = in.readUnsignedByte();
            boolean has19 = false;
            for (int i = 0; i < n; i++) {
                has19 |= in.readUnsignedByte() == 19;
            }
            if (!has19) {
                throw new IOException("server did not offer VeNCrypt");
            }
            out.write(19);
            in.readUnsignedShort();
            out.write(new byte[] {0, 2});
            if (in.readUnsignedByte() != 0) {
                throw new IOException("version refused");
            }
            int count = in.readUnsignedByte();
            for (int i = 0; i < count; i++) {
                in.readInt();
            }
            out.writeInt(subtype.code());
            if (in.readUnsignedByte() != 1) {
                throw new IOException("server did not acknowledge the TLS subtype");
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", trusted);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(tcp, "127.0.0.1", port, true);
            tls.startHandshake();
            in = new DataInputStream(tls.getInputStream());
            out = new DataOutputStream(tls.getOutputStream());
            if (subtype.inner() == VeNCryptSubtype.Inner.VNC) {
                byte[] challenge = new byte[16];
                in.readFully(challenge);
                out.write(VncPassword.of(password).expectedResponse(challenge));
            } else if (subtype.inner() == VeNCryptSubtype.Inner.PLAIN) {
                RawRfbClient.writePlainCredentials(out, user, password);
            }
            out.flush();
            int result = in.readInt();
            if (result != 0) {
                byte[] reason = new byte[in.readInt()];
                in.readFully(reason);
                return new Outcome(result, new String(reason, StandardCharsets.UTF_8), 0, 0);
            }
            out.write(1);
            out.flush();
            int w = in.readUnsignedShort();
            int h = in.readUnsignedShort();
            return new Outcome(0, "", w, h);
        }
    }
}
