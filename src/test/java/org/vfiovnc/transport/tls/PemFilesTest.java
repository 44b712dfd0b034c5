package org.vfiovnc.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vfiovnc.testing.Tools;

/** Keys as openssl writes them (PKCS#8, PKCS#1 RSA, SEC1 EC) load and work with their certificate. */
class PemFilesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rsa-pkcs8", "rsa-pkcs1", "ec-pkcs8", "ec-sec1"})
    void opensslKeysLoad(String kind) throws Exception {
        String openssl = Tools.require("openssl", "openssl");
        Path dir = Files.createTempDirectory("pem");
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        boolean rsa = kind.startsWith("rsa");
        List<String> gen = rsa
                ? List.of(openssl, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString())
                : List.of(openssl, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        assertEquals(0, Tools.run(gen, java.util.Map.of(), 60).exitCode());
        assertEquals(0, Tools.run(60, openssl, "req", "-new", "-x509", "-key", key.toString(), "-out", cert.toString(),
                "-days", "2", "-subj", "/CN=test").exitCode());
        if (kind.equals("rsa-pkcs1")) {
            Tools.Result r = Tools.run(60, openssl, "rsa", "-in", key.toString(), "-out", key.toString(), "-traditional");
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(Files.readString(key).contains("BEGIN RSA PRIVATE KEY"));
        } else if (kind.equals("ec-sec1")) {
            Tools.Result r = Tools.run(60, openssl, "ec", "-in", key.toString(), "-out", key.toString());
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(Files.readString(key).contains("BEGIN EC PRIVATE KEY"));
        }
        TlsServer tls = TlsServer.fromPem(cert, key);
        assertEquals(rsa ? "RSA" : "EC", tls.certificate().getPublicKey().getAlgorithm());
    }

    @Test
    void mismatchedOrMissingKeysAreRefusedClearly() throws Exception {
        Path dir = Files.createTempDirectory("pem");
        SelfSignedCertificate.loadOrCreate(dir, List.of());
        Path notAKey = Files.writeString(dir.resolve("nokey.pem"), "hello");
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> TlsServer.fromPem(SelfSignedCertificate.certFile(dir), notAKey));
        assertTrue(e.getMessage().contains("no PEM private key"), e.getMessage());
        assertThrows(GeneralSecurityException.class, () -> TlsServer.fromPem(notAKey, SelfSignedCertificate.keyFile(dir)));
    }
}
