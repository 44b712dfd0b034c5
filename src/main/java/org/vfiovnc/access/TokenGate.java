package org.vfiovnc.access;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * Says where a token leads: a signed token (JWT) to the display it names, any other token to its
 * target in the websockify token file. Either may be left out; a token the configured ones do not
 * know is refused.
 */
public final class TokenGate {
    private static final Logger LOG = Logger.getLogger(TokenGate.class.getName());

    private final TokenFile file;
    private final SignedTokens signed;

    /** @param file null for none; @param signed null for none (not both) */
    public TokenGate(TokenFile file, SignedTokens signed) {
        if (file == null && signed == null) {
            throw new IllegalArgumentException("a token gate needs a token file or a secret");
        }
        this.file = file;
        this.signed = signed;
    }

    /** A display's name, or a token file's target ({@code host:port} or a name); throws when refused. */
    public String target(String token) throws TokenRefused {
        if (signed != null && SignedTokens.looksSigned(token)) {
            return signed.display(token);
        }
        if (file == null) {
            throw new TokenRefused("malformed token");
        }
        String target;
        try {
            target = file.target(token);
        } catch (IOException e) {
            LOG.warning("token file " + file + ": " + e.getMessage());
            throw new TokenRefused("the token file cannot be read");
        }
        if (target == null) {
            throw new TokenRefused("unknown token");
        }
        return target;
    }

    /** The signed tokens' checker, or null (a reload carries its memory of used tokens over). */
    public SignedTokens signed() {
        return signed;
    }

    /** What the log says at start. */
    public String describe() {
        return (file != null ? "token file " + file : "") + (file != null && signed != null ? " and " : "")
                + (signed != null ? "signed tokens (HS256)" : "");
    }
}
