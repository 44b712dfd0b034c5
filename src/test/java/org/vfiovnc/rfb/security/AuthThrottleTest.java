package org.vfiovnc.rfb.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AuthThrottle throttle = new AuthThrottle(5, 250, 2000, 10_000, 600_000, now::get);

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void delaysGrowThenTheAddressIsBlocked() throws Exception {
        InetAddress a = ip("192.0.2.1");
        assertEquals(250, throttle.failed(a));
        assertEquals(500, throttle.failed(a));
        assertEquals(750, throttle.failed(a));
        assertEquals(1000, throttle.failed(a));
        assertEquals(0, throttle.blockedForMs(a), "not blocked before the threshold");
        throttle.failed(a);
        assertEquals(10_000, throttle.blockedForMs(a));
        now.addAndGet(9_999);
        assertEquals(1, throttle.blockedForMs(a));
        now.addAndGet(1);
        assertEquals(0, throttle.blockedForMs(a));
    }

    @Test
    void eachBlockAfterABlockDoublesUpToTheMaximum() throws Exception {
        InetAddress a = ip("192.0.2.2");
        for (int i = 0; i < 5; i++) {
            throttle.failed(a);
        }
        long expected = 10_000;
        for (int round = 0; round < 10; round++) {
            assertEquals(expected, throttle.blockedForMs(a), "round " + round);
            now.addAndGet(expected);
            throttle.failed(a); // one more failure right after the block ends
            expected = Math.min(600_000, expected * 2);
        }
        assertEquals(600_000, throttle.blockedForMs(a));
    }

    @Test
    void successClearsOnlyThatAddress() throws Exception {
        InetAddress a = ip("192.0.2.3");
        InetAddress b = ip("192.0.2.4");
        for (int i = 0; i < 4; i++) {
            throttle.failed(a);
            throttle.failed(b);
        }
        throttle.succeeded(a);
        assertEquals(250, throttle.failed(a), "a starts over");
        throttle.failed(b);
        assertTrue(throttle.blockedForMs(b) > 0, "b is blocked");
        assertEquals(0, throttle.blockedForMs(a));
    }

    @Test
    void tableStaysBounded() throws Exception {
        for (int i = 0; i < AuthThrottle.MAX_ENTRIES + 500; i++) {
            throttle.failed(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
        }
        assertEquals(AuthThrottle.MAX_ENTRIES, throttle.size());
    }

    @Test
    void ipv6IsCountedPerSlash64SoRotatingAddressesDoesNotHelp() throws Exception {
        for (int i = 1; i <= 5; i++) {
            throttle.failed(ip("2001:db8:1:2::" + Integer.toHexString(i)));
        }
        assertTrue(throttle.blockedForMs(ip("2001:db8:1:2:ffff::1")) > 0, "the whole /64 is blocked");
        assertEquals(0, throttle.blockedForMs(ip("2001:db8:1:3::1")), "the next /64 is not");
        throttle.failed(ip("::ffff:192.0.2.9"));
        assertEquals(500, throttle.failed(ip("192.0.2.9")), "an IPv4-mapped address is its IPv4 address");
    }

    @Test
    void manyAddressesShareOneBudgetButKnownUsersKeepTheirWayIn() throws Exception {
        AuthThrottle t = new AuthThrottle(5, 250, 2000, 10_000, 600_000, 30, 300_000, now::get);
        InetAddress regular = ip("198.51.100.7");
        t.succeeded(regular);
        for (int i = 0; i < 30; i++) {
            t.failed(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i})); // one guess each
            now.addAndGet(1000);
        }
        InetAddress fresh = ip("203.0.113.1");
        long blocked = t.blockedForMs(fresh);
        assertTrue(blocked > 0 && blocked <= 300_000, "the budget is spent for everyone: " + blocked);
        assertEquals(0, t.blockedForMs(regular), "a peer that logged in lately is not locked out");
        now.addAndGet(blocked);
        assertEquals(0, t.blockedForMs(fresh), "the oldest failure aged out of the window");
        t.failed(ip("10.9.9.9"));
        assertTrue(t.blockedForMs(fresh) > 0, "one more failure spends it again");
        now.addAndGet(AuthThrottle.TRUSTED_MS);
        for (int i = 0; i < 30; i++) {
            t.failed(InetAddress.getByAddress(new byte[] {10, 1, 0, (byte) i}));
        }
        assertTrue(t.blockedForMs(regular) > 0, "trust expires");
    }
}
