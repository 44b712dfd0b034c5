package org.vfiovnc.rfb.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * The VncAuth password (only its first 8 bytes count). Read from a file that is either plain text
 * (first line) or a vncpasswd file (8 obfuscated bytes, optionally followed by a view-only
 * password), as TigerVNC's and RealVNC's vncpasswd write them. {@link #toString()} never shows it.
 * VncAuth carries one byte per character, so a text password must be Latin-1 (it is refused
 * otherwise, rather than turned into question marks), and only its first 8 characters count.
 */
public final class VncPassword {
    private static final Logger LOG = Logger.getLogger(VncPassword.class.getName());
    private final byte[] key;

    private VncPassword(byte[] key) {
        this.key = key;
    }

    /** Throws IllegalArgumentException for an empty password or one VncAuth cannot carry. */
    public static VncPassword of(String password) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("empty password");
        }
        String unfit = unfit(password);
        if (unfit != null) {
            throw new IllegalArgumentException(unfit);
        }
        if (password.length() > 8) {
            LOG.warning("the VNC password has " + password.length() + " characters, but VncAuth uses only the first 8");
        }
        if (!password.chars().allMatch(c -> c < 0x80)) {
            LOG.warning("the VNC password has non-ASCII characters: viewers may encode them differently; ASCII is safest");
        }
        return new VncPassword(VncDes.keyFromPassword(password));
    }

    /** Why VncAuth cannot carry {@code password} (one byte per character), or null when it can. */
    private static String unfit(String password) {
        for (int i = 0; i < password.length(); i++) {
            if (password.charAt(i) > 0xff) {
                return "the password has characters VncAuth cannot carry (character " + (i + 1)
                        + "): it sends one byte per character, so only Latin-1 (ISO-8859-1) passwords work";
            }
        }
        return null;
    }

    public static VncPassword fromFile(Path file) throws IOException {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read password file " + file + ": " + e.getMessage(), e);
        }
        if ((b.length == 8 || b.length == 16) && !isText(b)) {
            byte[] plain = VncDes.decrypt(VncDes.PASSWD_FILE_KEY, Arrays.copyOf(b, 8));
            int len = 0;
            while (len < 8 && plain[len] != 0) {
                len++;
            }
            if (len == 0) {
                throw new IOException("password file " + file + " holds an empty vncpasswd password");
            }
            return new VncPassword(VncDes.keyFromPassword(Arrays.copyOf(plain, len)));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("password file " + file + " is neither UTF-8 text nor a vncpasswd file");
        }
        int nl = text.indexOf('\n');
        String first = (nl >= 0 ? text.substring(0, nl) : text).replace("\r", "");
        if (first.isEmpty()) {
            throw new IOException("password file " + file + " has an empty first line");
        }
        try {
            return of(first);
        } catch (IllegalArgumentException e) {
            throw new IOException("password file " + file + ": " + e.getMessage());
        }
    }

    private static boolean isText(byte[] b) {
        for (byte c : b) {
            int v = c & 0xff;
            if ((v < 0x20 || v > 0x7e) && v != '\n' && v != '\r' && v != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The DES response a client holding this password sends for {@code challenge}. */
    public byte[] expectedResponse(byte[] challenge) {
        return VncDes.encrypt(key, challenge);
    }

    @Override
    public String toString() {
        return "VncPassword[hidden]";
    }
}
