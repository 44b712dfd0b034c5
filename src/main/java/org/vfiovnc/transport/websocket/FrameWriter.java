package org.vfiovnc.transport.websocket;

import java.io.IOException;
import java.io.OutputStream;

/** Writes frame headers and payloads; masks when given a key (the client role). */
public final class FrameWriter {
    private FrameWriter() {}

    /** The header of a frame with {@code length} payload bytes, including the mask key when given. */
    public static byte[] header(boolean fin, int opcode, long length, byte[] maskKey) {
        int extra = length < 126 ? 0 : length <= 0xffff ? 2 : 8;
        byte[] h = new byte[2 + extra + (maskKey != null ? 4 : 0)];
        h[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        int maskBit = maskKey != null ? 0x80 : 0;
        if (extra == 0) {
            h[1] = (byte) (maskBit | length);
        } else if (extra == 2) {
            h[1] = (byte) (maskBit | 126);
            h[2] = (byte) (length >> 8);
            h[3] = (byte) length;
        } else {
            h[1] = (byte) (maskBit | 127);
            for (int i = 0; i < 8; i++) {
                h[2 + i] = (byte) (length >>> (56 - 8 * i));
            }
        }
        if (maskKey != null) {
            System.arraycopy(maskKey, 0, h, h.length - 4, 4);
        }
        return h;
    }

    /** Writes one frame (masking a copy of the payload when a key is given); does not flush. */
    public static void write(OutputStream out, boolean fin, int opcode, byte[] payload, int off, int len,
                             byte[] maskKey) throws IOException {
        out.write(header(fin, opcode, len, maskKey));
        if (maskKey == null) {
            out.write(payload, off, len);
        } else {
            byte[] copy = new byte[len];
            System.arraycopy(payload, off, copy, 0, len);
            applyMask(copy, 0, len, maskKey);
            out.write(copy);
        }
    }

    /** XORs bytes with the 4-byte key (masking and unmasking are the same operation). */
    public static void applyMask(byte[] b, int off, int len, byte[] key) {
        for (int i = 0; i < len; i++) {
            b[off + i] ^= key[i & 3];
        }
    }
}
