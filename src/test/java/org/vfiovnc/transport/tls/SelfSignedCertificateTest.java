package org.vfiovnc.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --tls-generate makes a leaf certificate, not a CA; keytool's store and password never sit where
 * others can read them, nor on its command line; an old generated CA certificate is replaced.
 */
class SelfSignedCertificateTest {
    @TempDir
    Path dir;

    @Test
    void theGeneratedCertificateIsALeafForServersOnly() throws Exception {
        X509Certificate c = SelfSignedCertificate.loadOrCreate(dir, List.of()).certificate();
        assertEquals(-1, c.getBasicConstraints(), "CA:false");
        boolean[] usage = c.getKeyUsage();
        assertTrue(usage[0], "digitalSignature");
        assertFalse(usage[5], "no keyCertSign");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), c.getExtendedKeyUsage(), "serverAuth only");
        long days = Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()).toDays();
        assertTrue(days <= SelfSignedCertificate.VALID_DAYS, days + " days");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(SelfSignedCertificate.keyFile(dir))));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("cert.pem", "key.pem"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "nothing of keytool's is left behind");
        }
    }

    @Test
    void keytoolWorksInAPrivateDirectoryAndGetsNoPasswordOnItsCommandLine() throws Exception {
        List<List<String>> commandLines = Collections.synchronizedList(new ArrayList<>());
        List<String> seenWhileRunning = Collections.synchronizedList(new ArrayList<>());
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                ProcessHandle.current().children().forEach(ph -> {
                    Optional<String[]> args = ph.info().arguments();
                    if (args.isPresent() && List.of(args.get()).contains("-genkeypair")) {
                        commandLines.add(List.of(args.get()));
                        try (Stream<Path> all = Files.walk(dir)) {
                            all.filter(p -> !p.equals(dir)).forEach(p -> {
                                try {
                                    seenWhileRunning.add(dir.relativize(p) + " "
                                            + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                                } catch (java.io.IOException gone) {
                                    // deleted meanwhile
                                }
                            });
                        } catch (java.io.IOException | java.io.UncheckedIOException gone) {
                            // changing under the walk
                        }
                    }
                });
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        try {
            SelfSignedCertificate.loadOrCreate(dir, List.of());
        } finally {
            watcher.interrupt();
            watcher.join();
        }
        assertFalse(commandLines.isEmpty(), "keytool was never seen running");
        for (List<String> cmd : commandLines) {
            int i = cmd.indexOf("-storepass");
            assertEquals(-1, i, "a store password on keytool's command line: " + cmd);
            assertTrue(cmd.contains("-storepass:file"), cmd.toString());
        }
        assertFalse(seenWhileRunning.isEmpty(), "keytool's directory was never seen");
        for (String entry : seenWhileRunning) {
            String name = entry.substring(0, entry.indexOf(' '));
            if (!name.contains("/")) {
                assertTrue(entry.endsWith("rwx------"), "keytool's files sit in DIR itself or in an open directory: "
                        + seenWhileRunning);
            }
        }
    }

    @Test
    void aCaCertificateMadeByAnOlderVersionIsReplaced() throws Exception {
        // What earlier versions generated: the same subject, but BasicConstraints CA:true and keyCertSign.
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path store = dir.resolve("old.p12");
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "vfio-vnc", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", SelfSignedCertificate.SUBJECT, "-validity", "3650", "-ext", "BC:c=ca:true",
                "-ext", "KU:c=digitalSignature,keyCertSign", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "oldpass", "-keypass", "oldpass").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = Files.newInputStream(store)) {
            ks.load(in, "oldpass".toCharArray());
        }
        X509Certificate old = (X509Certificate) ks.getCertificate("vfio-vnc");
        Files.writeString(SelfSignedCertificate.certFile(dir), PemFiles.pem("CERTIFICATE", old.getEncoded()));
        Files.writeString(SelfSignedCertificate.keyFile(dir), PemFiles.pem("PRIVATE KEY",
                ks.getKey("vfio-vnc", "oldpass".toCharArray()).getEncoded()));
        Files.delete(store);
        X509Certificate now = SelfSignedCertificate.loadOrCreate(dir, List.of()).certificate();
        assertNotEquals(old.getPublicKey(), now.getPublicKey(), "a new key, not the one people trusted as a CA");
        assertEquals(-1, now.getBasicConstraints());
    }
}
