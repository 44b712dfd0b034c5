package org.vfiovnc.transport.sniff;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which addresses spoke HTTP lately. Browsers open connections ahead of need (preconnect)
 * and may send their request only after the sniffer's short wait, which would hand them the RFB
 * greeting instead of a page. Connections from an address that fetched something in the last
 * {@link #WINDOW_MS} are therefore given {@link #PATIENT_WAIT_MS}; a native viewer on such a host
 * waits that long once for its greeting.
 */
public final class RecentBrowsers {
    public static final long WINDOW_MS = 60_000;
    public static final int PATIENT_WAIT_MS = 2_000;
    private static final int MAX_ENTRIES = 4096;

    private final Map<InetAddress, Long> lastHttp = new ConcurrentHashMap<>();

    public void sawHttp(InetAddress from) {
        if (from == null) {
            return;
        }
        long now = System.currentTimeMillis();
        if (lastHttp.size() >= MAX_ENTRIES) {
            lastHttp.values().removeIf(t -> now - t > WINDOW_MS);
            if (lastHttp.size() >= MAX_ENTRIES) {
                lastHttp.clear();
            }
        }
        lastHttp.put(from, now);
    }

    /** The sniff wait for a new connection from {@code from}. */
    public int waitFor(InetAddress from, int defaultWaitMs) {
        Long t = from == null ? null : lastHttp.get(from);
        return t != null && System.currentTimeMillis() - t <= WINDOW_MS ? Math.max(defaultWaitMs, PATIENT_WAIT_MS) : defaultWaitMs;
    }
}
