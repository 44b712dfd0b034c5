package org.vfiovnc.transport;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The unit per-peer limits count by: an IPv4 address, or an IPv6 address's /64 - one host or
 * customer usually holds a whole /64 and can rotate through it freely, so counting single IPv6
 * addresses would limit nothing. IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
public final class PeerGroup {
    private PeerGroup() {}

    /** The address that stands for {@code a}'s group (the /64 prefix, zeros after it, for IPv6); null for null. */
    public static InetAddress of(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a;
        }
        byte[] b = a.getAddress();
        if (isV4Mapped(b)) {
            return v4(Arrays.copyOfRange(b, 12, 16));
        }
        Arrays.fill(b, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static Inet4Address v4(byte[] b) {
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }
}
