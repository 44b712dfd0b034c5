package org.vfiovnc.rfb.security;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing per peer address. Each failure delays the answer a little more;
 * after {@code threshold} failures in a row the address is blocked, and every further failure
 * after a block doubles the next block, up to {@code maxBlockMs}. A success clears the address.
 * The table is bounded: the least recently seen addresses are forgotten first.
 */
public final class AuthThrottle {
    /** Addresses remembered at most; a flood from many addresses only evicts old, idle ones. */
    static final int MAX_ENTRIES = 4096;

    private final int threshold;
    private final long stepDelayMs;
    private final long maxDelayMs;
    private final long initialBlockMs;
    private final long maxBlockMs;
    private final LongSupplier clockMs;
    private final Map<InetAddress, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private static final class Entry {
        int failures;
        long blockedUntilMs;
        long nextBlockMs;
    }

    public AuthThrottle(int threshold, long stepDelayMs, long maxDelayMs, long initialBlockMs, long maxBlockMs,
                        LongSupplier clockMs) {
        if (threshold < 1 || stepDelayMs < 0 || maxDelayMs < 0 || initialBlockMs < 1 || maxBlockMs < initialBlockMs) {
            throw new IllegalArgumentException("bad throttle settings");
        }
        this.threshold = threshold;
        this.stepDelayMs = stepDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.initialBlockMs = initialBlockMs;
        this.maxBlockMs = maxBlockMs;
        this.clockMs = clockMs;
    }

    /** 5 failures, then 10 s blocked, doubling to 10 minutes; answers to failures delayed by up to 2 s. */
    public static AuthThrottle defaults() {
        return new AuthThrottle(5, 250, 2000, 10_000, 600_000, System::currentTimeMillis);
    }

    /** Milliseconds the address stays blocked, 0 when it may try. */
    public synchronized long blockedForMs(InetAddress address) {
        Entry e = address == null ? null : entries.get(address);
        if (e == null) {
            return 0;
        }
        return Math.max(0, e.blockedUntilMs - clockMs.getAsLong());
    }

    /**
     * Records a failure and returns how long to wait before answering it: the delay grows with
     * the failures so a guesser on one connection at a time is slowed even before the block.
     */
    public synchronized long failed(InetAddress address) {
        if (address == null) {
            return maxDelayMs;
        }
        Entry e = entries.computeIfAbsent(address, a -> new Entry());
        e.failures++;
        if (e.failures >= threshold) {
            long block = e.nextBlockMs == 0 ? initialBlockMs : e.nextBlockMs;
            e.blockedUntilMs = clockMs.getAsLong() + block;
            e.nextBlockMs = Math.min(maxBlockMs, block * 2);
            // One more failure after the block ends blocks again (for twice as long).
            e.failures = threshold - 1;
        }
        return Math.min(maxDelayMs, stepDelayMs * e.failures);
    }

    /** A successful login forgets the address's failures. */
    public synchronized void succeeded(InetAddress address) {
        if (address != null) {
            entries.remove(address);
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
