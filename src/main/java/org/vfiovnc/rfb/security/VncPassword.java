package org.vfiovnc.rfb.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The VncAuth password (only its first 8 bytes count). Read from a file that is either plain text
 * (first line) or a vncpasswd file (8 obfuscated bytes, optionally followed by a view-only
 * password), as TigerVNC's and RealVNC's vncpasswd write them. {@link #toString()} never shows it.
 */
public final class VncPassword {
    private final byte[] key;

    private VncPassword(byte[] key) {
        this.key = key;
    }

    public static VncPassword of(String password) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("empty password");
        }
        return new VncPassword(VncDes.keyFromPassword(password));
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
        String text = new String(b, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String first = (nl >= 0 ? text.substring(0, nl) : text).replace("\r", "");
        if (first.isEmpty()) {
            throw new IOException("password file " + file + " has an empty first line");
        }
        return new VncPassword(VncDes.keyFromPassword(first.getBytes(StandardCharsets.ISO_8859_1)));
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
