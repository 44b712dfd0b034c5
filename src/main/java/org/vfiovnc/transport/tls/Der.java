package org.vfiovnc.transport.tls;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/** The little DER needed to rewrap keys: writing a TLV and finding the curve OID in a SEC1 key. */
final class Der {
    private Der() {}

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /**
     * ECPrivateKey ::= SEQUENCE { version, OCTET STRING, [0] OID parameters, [1] public key }: the
     * full OID TLV from [0].
     */
    static byte[] ecCurveOid(byte[] sec1) throws GeneralSecurityException {
        int[] pos = {0};
        int seqLen = header(sec1, pos, 0x30);
        int end = pos[0] + seqLen;
        while (pos[0] < end) {
            int tag = sec1[pos[0]] & 0xff;
            int start = pos[0];
            pos[0]++;
            int len = length(sec1, pos);
            if (tag == 0xa0) {
                int oidStart = pos[0];
                if ((sec1[oidStart] & 0xff) != 0x06) {
                    break;
                }
                return Arrays.copyOfRange(sec1, oidStart, oidStart + len);
            }
            pos[0] = start + (pos[0] - start) + len;
        }
        throw new GeneralSecurityException("EC key without a named curve");
    }

    private static int header(byte[] b, int[] pos, int expectedTag) throws GeneralSecurityException {
        if (pos[0] >= b.length || (b[pos[0]] & 0xff) != expectedTag) {
            throw new GeneralSecurityException("malformed DER key");
        }
        pos[0]++;
        return length(b, pos);
    }

    private static int length(byte[] b, int[] pos) throws GeneralSecurityException {
        if (pos[0] >= b.length) {
            throw new GeneralSecurityException("malformed DER key");
        }
        int first = b[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7f;
        if (n == 0 || n > 3 || pos[0] + n > b.length) {
            throw new GeneralSecurityException("malformed DER key");
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = len << 8 | (b[pos[0]++] & 0xff);
        }
        return len;
    }
}
