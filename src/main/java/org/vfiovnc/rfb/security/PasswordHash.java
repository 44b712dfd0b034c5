package org.vfiovnc.rfb.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PBKDF2-HMAC-SHA256 password hash, written {@code pbkdf2$ITERATIONS$SALT$HASH} (salt and hash in
 * base64). Users-file passwords are kept only in this form in memory; checks compare in constant time.
 */
public final class PasswordHash {
    /** Iterations for hashes made here: below OWASP's 600,000 so that a login (and the decoy check) costs ~0.1 s, not 1 s, on a small host. */
    public static final int DEFAULT_ITERATIONS = 120_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    public static PasswordHash create(char[] password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations, 32));
    }

    /** Parses {@code pbkdf2$ITER$SALT$HASH}; throws IllegalArgumentException naming what is wrong. */
    public static PasswordHash parse(String text) {
        String[] p = text.split("\\$", -1);
        if (p.length != 4 || !p[0].equals("pbkdf2")) {
            throw new IllegalArgumentException("expected pbkdf2$ITERATIONS$SALT$HASH");
        }
        int iter;
        try {
            iter = Integer.parseInt(p[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad iteration count '" + p[1] + "'");
        }
        if (iter < 1000 || iter > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iteration count must be 1000-" + MAX_ITERATIONS);
        }
        try {
            byte[] salt = Base64.getDecoder().decode(p[2]);
            byte[] hash = Base64.getDecoder().decode(p[3]);
            if (salt.length < 8 || hash.length < 16 || hash.length > 64) {
                throw new IllegalArgumentException("salt must be >= 8 bytes and hash 16-64 bytes");
            }
            return new PasswordHash(iter, salt, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad base64 in hash: " + e.getMessage());
        }
    }

    /** The PBKDF2 iteration count: what one check costs. */
    public int iterations() {
        return iterations;
    }

    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations, hash.length));
    }

    /** The {@code pbkdf2$...} text form. */
    public String encoded() {
        return "pbkdf2$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[pbkdf2, " + iterations + " iterations]";
    }
}
