package org.vfiovnc.transport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * {@code --tls-generate DIR}: a self-signed EC P-256 certificate for localhost, 127.0.0.1 and ::1
 * (plus the host's name), made once by the JDK's keytool and kept as DIR/cert.pem and DIR/key.pem
 * (mode 0600). keytool is used rather than hand-written X.509 or BouncyCastle: it ships with every JDK.
 */
public final class SelfSignedCertificate {
    private static final Logger LOG = Logger.getLogger(SelfSignedCertificate.class.getName());

    private SelfSignedCertificate() {}

    public static Path certFile(Path dir) {
        return dir.resolve("cert.pem");
    }

    public static Path keyFile(Path dir) {
        return dir.resolve("key.pem");
    }

    /** The pair in {@code dir}, generated first when missing. */
    public static TlsServer loadOrCreate(Path dir, List<String> extraNames) throws IOException, GeneralSecurityException {
        if (!Files.exists(certFile(dir)) || !Files.exists(keyFile(dir))) {
            create(dir, extraNames);
        }
        return TlsServer.fromPem(certFile(dir), keyFile(dir));
    }

    static void create(Path dir, List<String> extraNames) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path store = Files.createTempFile(dir, "gen", ".p12");
        Files.delete(store);
        String pass = HexFormat.of().formatHex(SecureRandom.getSeed(12));
        StringBuilder san = new StringBuilder("SAN=dns:localhost,ip:127.0.0.1,ip:::1");
        for (String n : extraNames) {
            if (n.matches("[A-Za-z0-9.-]+")) {
                san.append(n.matches("[0-9.]+") ? ",ip:" : ",dns:").append(n);
            }
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "vfio-vnc", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=vfio-vnc self-signed", "-validity", "3650",
                "-ext", san.toString(), "-ext", "BC:c=ca:true", "-ext", "KU:c=digitalSignature,keyCertSign",
                "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", pass, "-keypass", pass));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating a certificate", e);
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, pass.toCharArray());
            }
            PrivateKey key = (PrivateKey) ks.getKey("vfio-vnc", pass.toCharArray());
            X509Certificate cert = (X509Certificate) ks.getCertificate("vfio-vnc");
            Path keyFile = keyFile(dir);
            Files.deleteIfExists(keyFile);
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile, PemFiles.pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(certFile(dir), PemFiles.pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
        } finally {
            Files.deleteIfExists(store);
        }
        LOG.info("generated a self-signed certificate in " + certFile(dir));
    }
}
