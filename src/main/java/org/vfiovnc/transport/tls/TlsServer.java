package org.vfiovnc.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.vfiovnc.transport.Connection;

/**
 * The server's TLS setup: its certificate and key in a JDK {@link SSLContext}, TLS 1.2 and 1.3 only.
 * A connection is switched to TLS by layering an {@link SSLSocket} over its TCP socket, handing over
 * the bytes the sniffer already read - used for https/wss on the RFB port and for VeNCrypt's X509
 * subtypes mid-handshake. Anonymous TLS (VeNCrypt's TLS subtypes) uses the JDK's anonymous
 * ECDH/DH suites, TLS 1.2 only; see {@link #anonymousSuites()}.
 */
public final class TlsServer {
    private static final Logger LOG = Logger.getLogger(TlsServer.class.getName());
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;

    static {
        // Before the JDK's TLS code first reads its disabled-algorithm list; see AnonymousTls.
        AnonymousTls.allow();
    }

    private final SSLContext context;
    private final X509Certificate[] chain;

    private TlsServer(SSLContext context, X509Certificate[] chain) {
        this.context = context;
        this.chain = chain;
    }

    /** From a certificate chain and its private key. */
    public static TlsServer of(X509Certificate[] chain, PrivateKey key) throws GeneralSecurityException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "transient".toCharArray();
            ks.setKeyEntry("server", key, pw, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return new TlsServer(ctx, chain.clone());
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build a key store: " + e.getMessage(), e);
        }
    }

    /** From PEM files (see {@link PemFiles}). */
    public static TlsServer fromPem(java.nio.file.Path cert, java.nio.file.Path key) throws IOException, GeneralSecurityException {
        X509Certificate[] chain = PemFiles.readCertificates(cert);
        PrivateKey k = PemFiles.readPrivateKey(key);
        if (!chain[0].getPublicKey().getAlgorithm().equals(k.getAlgorithm())) {
            throw new GeneralSecurityException("key in " + key + " (" + k.getAlgorithm() + ") does not match the certificate ("
                    + chain[0].getPublicKey().getAlgorithm() + ")");
        }
        return of(chain, k);
    }

    public X509Certificate certificate() {
        return chain[0];
    }

    /** How a handshake is set up. */
    private enum Mode { DIRECT, VENCRYPT_X509, ANONYMOUS }

    /** Runs the TLS handshake (as the server, with the certificate) over {@code c}: https, wss, TLS on the RFB port. */
    public TlsConnection accept(Connection c, byte[] alreadyRead) throws IOException {
        return handshake(c, alreadyRead, Mode.DIRECT);
    }

    /**
     * The certificate handshake inside VeNCrypt (X509 subtypes), TLS 1.2 only: TigerVNC 1.12's viewer
     * (GnuTLS, non-blocking) stalled in about one of three TLS 1.3 handshakes with the JDK's server
     * until the handshake timeout, and never with TLS 1.2. Browsers and openssl get TLS 1.3.
     */
    public TlsConnection acceptVeNCrypt(Connection c) throws IOException {
        return handshake(c, new byte[0], Mode.VENCRYPT_X509);
    }

    /** Anonymous TLS (no certificate: for VeNCrypt TLSNone/TLSVnc/TLSPlain). */
    public TlsConnection acceptAnonymous(Connection c) throws IOException {
        return handshake(c, new byte[0], Mode.ANONYMOUS);
    }

    private TlsConnection handshake(Connection c, byte[] alreadyRead, Mode mode) throws IOException {
        boolean anonymous = mode == Mode.ANONYMOUS;
        c.output().flush();
        Socket tcp = socketOf(c);
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(tcp,
                alreadyRead.length == 0 ? null : new ByteArrayInputStream(alreadyRead), true);
        s.setUseClientMode(false);
        if (anonymous) {
            String[] anon = anonymousSuites();
            if (anon.length == 0) {
                s.close();
                throw new IOException("this JDK offers no anonymous TLS cipher suites");
            }
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.setEnabledCipherSuites(anon);
        } else {
            s.setEnabledProtocols(mode == Mode.VENCRYPT_X509 ? new String[] {"TLSv1.2"} : PROTOCOLS);
        }
        int before = tcp.getSoTimeout();
        s.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
        try {
            s.startHandshake();
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // failing anyway
            }
            throw new IOException("TLS handshake failed: " + e.getMessage(), e);
        }
        s.setSoTimeout(before);
        TlsConnection t = new TlsConnection(s, c);
        LOG.fine(() -> c.describe() + " TLS " + t.session());
        return t;
    }

    /**
     * The anonymous (certificate-less) suites this JDK supports, ECDH first; weak ciphers left out.
     * The JDK never enables them by default: only the anonymous VeNCrypt handshake does.
     */
    public String[] anonymousSuites() {
        String[] supported = context.getSupportedSSLParameters().getCipherSuites();
        List<String> anon = new ArrayList<>();
        for (String suite : supported) {
            if (suite.contains("_anon_") && !suite.contains("_NULL_") && !suite.contains("_RC4_")
                    && !suite.contains("_3DES_") && !suite.contains("_DES_")) {
                anon.add(suite);
            }
        }
        anon.sort((a, b) -> Boolean.compare(!a.contains("ECDH"), !b.contains("ECDH")));
        return anon.toArray(new String[0]);
    }

    /** The TCP socket under a connection, which the TLS layer takes over. */
    static Socket socketOf(Connection c) throws IOException {
        return c.tcpSocket().orElseThrow(() -> new IOException("TLS needs a TCP connection below, not " + c.describe()));
    }

    @Override
    public String toString() {
        return "TLS " + Arrays.toString(PROTOCOLS) + " with " + chain[0].getSubjectX500Principal();
    }
}
