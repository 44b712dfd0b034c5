package org.vfiovnc.rfb.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The DES variant of VNC authentication: the key is the password's first 8 bytes (zero padded),
 * each byte bit-reversed, and the 16-byte challenge is encrypted as two ECB blocks.
 */
public final class VncDes {
    /** Fixed key with which vncpasswd obfuscates stored passwords (shared by TigerVNC, RealVNC, libvncserver). */
    static final byte[] PASSWD_FILE_KEY = {23, 82, 107, 6, 35, 78, 88, 7};

    private VncDes() {}

    static byte[] keyFromPassword(byte[] password) {
        byte[] key = new byte[8];
        System.arraycopy(password, 0, key, 0, Math.min(8, password.length));
        return key;
    }

    public static byte[] keyFromPassword(String password) {
        return keyFromPassword(password.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Encrypts {@code data} (a multiple of 8 bytes) with a VNC-style key. */
    public static byte[] encrypt(byte[] vncKey, byte[] data) {
        return run(Cipher.ENCRYPT_MODE, reversedBits(vncKey), data);
    }

    /** Decrypts with a VNC-style key (bit-reversed like every VNC DES key): the vncpasswd file format. */
    static byte[] decrypt(byte[] vncKey, byte[] data) {
        return run(Cipher.DECRYPT_MODE, reversedBits(vncKey), data);
    }

    private static byte[] run(int mode, byte[] key, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("DES/ECB/NoPadding");
            c.init(mode, new SecretKeySpec(key, "DES"));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DES is not available in this JDK", e);
        }
    }

    private static byte[] reversedBits(byte[] key) {
        byte[] k = new byte[8];
        for (int i = 0; i < 8; i++) {
            k[i] = (byte) (Integer.reverse(key[i] & 0xff) >>> 24);
        }
        return k;
    }
}
