package org.vfiovnc.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Date;
import java.util.HexFormat;
import java.util.function.LongSupplier;

/**
 * Signed short-lived tokens (JWT, HS256 with a shared secret) that a management panel hands a
 * browser for one display: claim {@code display} names it, {@code exp} is required and at most
 * {@code maxLifetimeS} ahead, {@code nbf} is honoured, and each token opens one connection.
 */
public final class SignedTokens {
    /** The claim naming the display. */
    public static final String DISPLAY_CLAIM = "display";
    /** Clocks of the panel and this host may differ a little. */
    static final long SKEW_MS = 5_000;
    /** HS256 wants a key as long as its hash. */
    static final int MIN_SECRET_BYTES = 32;

    private final MACVerifier verifier;
    private final long maxLifetimeMs;
    private final LongSupplier clockMs;
    private final UsedTokens used;

    /** @param secretFile the shared secret, at least 32 bytes (a trailing newline is not part of it) */
    public SignedTokens(Path secretFile, long maxLifetimeS, LongSupplier clockMs) throws IOException {
        this(secretFile, maxLifetimeS, clockMs, new UsedTokens(100_000));
    }

    /**
     * The same tokens with the secret and lifetime read again (a reload): tokens used so far stay
     * used, so a reload cannot make a token good a second time.
     */
    public SignedTokens reloaded(Path secretFile, long maxLifetimeS) throws IOException {
        return new SignedTokens(secretFile, maxLifetimeS, clockMs, used);
    }

    private SignedTokens(Path secretFile, long maxLifetimeS, LongSupplier clockMs, UsedTokens used) throws IOException {
        this.used = used;
        byte[] secret;
        try {
            secret = Files.readString(secretFile, StandardCharsets.UTF_8).stripTrailing().getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(secretFile + ": no such file", e);
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IOException(secretFile + ": the secret has " + secret.length + " bytes; HS256 needs at least "
                    + MIN_SECRET_BYTES + " (e.g. head -c 32 /dev/urandom | base64)");
        }
        try {
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IOException(secretFile + ": " + e.getMessage(), e);
        }
        this.maxLifetimeMs = maxLifetimeS * 1000;
        this.clockMs = clockMs;
    }

    /** Whether {@code token} has a JWT's shape (three dot-separated parts), so it is checked here. */
    public static boolean looksSigned(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    /** The display {@code token} grants, or throws with why not (never with the token). */
    public String display(String token) throws TokenRefused {
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                throw new TokenRefused("token not signed with HS256");
            }
            if (!jwt.verify(verifier)) {
                throw new TokenRefused("token signature does not match");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRefused("malformed token");
        } catch (JOSEException e) {
            throw new TokenRefused("token cannot be verified: " + e.getMessage());
        }
        long now = clockMs.getAsLong();
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null) {
            throw new TokenRefused("token has no expiry (exp)");
        }
        if (exp.getTime() + SKEW_MS < now) {
            throw new TokenRefused("token expired");
        }
        if (nbf != null && nbf.getTime() - SKEW_MS > now) {
            throw new TokenRefused("token not valid yet (nbf)");
        }
        if (exp.getTime() - now > maxLifetimeMs + SKEW_MS) {
            throw new TokenRefused("token lives longer than " + maxLifetimeMs / 1000 + " s (exp too far ahead)");
        }
        Object display = claims.getClaim(DISPLAY_CLAIM);
        if (!(display instanceof String name) || name.isEmpty()) {
            throw new TokenRefused("token names no display (claim '" + DISPLAY_CLAIM + "')");
        }
        String id = claims.getJWTID() != null ? "jti:" + claims.getJWTID() : "sha256:" + sha256(token);
        String reused = used.firstUse(id, exp.getTime() + SKEW_MS, now);
        if (reused != null) {
            throw new TokenRefused(reused);
        }
        return name;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
