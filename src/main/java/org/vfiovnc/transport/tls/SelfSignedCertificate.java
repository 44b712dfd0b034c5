package org.vfiovnc.transport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * {@code --tls-generate DIR}: a self-signed EC P-256 certificate for localhost, 127.0.0.1 and ::1
 * (plus the host's name), made once by the JDK's keytool and kept as DIR/cert.pem and DIR/key.pem
 * (mode 0600). keytool is used rather than hand-written X.509 or BouncyCastle: it ships with every JDK.
 *
 * <p>The certificate is a leaf (CA:false, digitalSignature, serverAuth) valid for {@link #VALID_DAYS}
 * days: someone who trusts it to reach this server does not thereby trust whatever else its key
 * might sign. It is made again when it is within {@link #RENEW_DAYS} of its end, and when it is one
 * of the CA certificates older versions made. keytool's key store and its password live only in a
 * private (0700) directory, and the password reaches keytool in a file, never on its command line.
 */
public final class SelfSignedCertificate {
    private static final Logger LOG = Logger.getLogger(SelfSignedCertificate.class.getName());
    static final String SUBJECT = "CN=vfio-vnc self-signed";
    static final int VALID_DAYS = 825;
    static final int RENEW_DAYS = 30;
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private SelfSignedCertificate() {}

    public static Path certFile(Path dir) {
        return dir.resolve("cert.pem");
    }

    public static Path keyFile(Path dir) {
        return dir.resolve("key.pem");
    }

    /** The pair in {@code dir}, generated first when missing, near its end, or a CA made by an older version. */
    public static TlsServer loadOrCreate(Path dir, List<String> extraNames) throws IOException, GeneralSecurityException {
        if (!Files.exists(certFile(dir)) || !Files.exists(keyFile(dir))) {
            create(dir, extraNames);
        } else {
            String why = replaceReason(PemFiles.readCertificates(certFile(dir))[0]);
            if (why != null) {
                LOG.warning("replacing the generated certificate in " + certFile(dir) + ": " + why);
                create(dir, extraNames);
            }
        }
        return TlsServer.fromPem(certFile(dir), keyFile(dir));
    }

    /** Why a certificate this class made must be made again, or null (also for anyone else's). */
    static String replaceReason(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().getName().equals(SUBJECT)) {
            return null;
        }
        if (cert.getBasicConstraints() >= 0) {
            return "it is a CA certificate, so whoever trusts it trusts anything its key signs;"
                    + " remove the old one from the trust stores that hold it";
        }
        if (cert.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(RENEW_DAYS)))) {
            return "it ends on " + cert.getNotAfter().toInstant();
        }
        return null;
    }

    static void create(Path dir, List<String> extraNames) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, "keytool", PRIVATE_DIR);
        try {
            Path store = work.resolve("store.p12");
            Path passFile = Files.createFile(work.resolve("storepass"), PRIVATE_FILE);
            String pass = HexFormat.of().formatHex(SecureRandom.getSeed(12));
            Files.writeString(passFile, pass + "\n", StandardCharsets.US_ASCII);
            runKeytool(keytoolCommand(store, passFile, subjectAltNames(extraNames)));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, pass.toCharArray());
            }
            PrivateKey key = (PrivateKey) ks.getKey("vfio-vnc", pass.toCharArray());
            X509Certificate cert = (X509Certificate) ks.getCertificate("vfio-vnc");
            Path keyFile = keyFile(dir);
            Files.deleteIfExists(keyFile);
            Files.createFile(keyFile, PRIVATE_FILE);
            Files.writeString(keyFile, PemFiles.pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(certFile(dir), PemFiles.pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        LOG.info("generated a self-signed certificate in " + certFile(dir));
    }

    private static String subjectAltNames(List<String> extraNames) {
        StringBuilder san = new StringBuilder("SAN=dns:localhost,ip:127.0.0.1,ip:::1");
        for (String n : extraNames) {
            if (n.matches("[A-Za-z0-9.-]+")) {
                san.append(n.matches("[0-9.]+") ? ",ip:" : ",dns:").append(n);
            }
        }
        return san.toString();
    }

    /** keytool's arguments: a leaf certificate, the store password read from {@code passFile}. */
    static List<String> keytoolCommand(Path store, Path passFile, String san) {
        return new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "vfio-vnc", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", SUBJECT, "-validity", String.valueOf(VALID_DAYS),
                "-ext", san, "-ext", "BC:c=ca:false", "-ext", "KU:c=digitalSignature", "-ext", "EKU=serverAuth",
                "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass:file", passFile.toString(), "-keypass:file", passFile.toString()));
    }

    private static void runKeytool(List<String> cmd) throws IOException {
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
    }
}
