package org.vfiovnc.rfb.security;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.vfiovnc.access.GuessThrottle;
import org.vfiovnc.transport.PeerGroup;

/**
 * Slows down password guessing. Per peer ({@link PeerGroup}: an IPv4 address or an IPv6 /64, which
 * one attacker can rotate through freely): each failure delays the answer a little more; after
 * {@code threshold} failures in a row the peer is blocked, and every further failure after a block
 * doubles the next block, up to {@code maxBlockMs}. A success clears the peer. The table is
 * bounded: the least recently seen peers are forgotten first.
 *
 * <p>In all: at most {@code globalBudget} failures per {@code globalWindowMs} from every peer
 * together, so that many addresses guessing a few times each get no further. While the budget is
 * spent every peer is blocked - except those that logged in successfully in the last
 * {@link #TRUSTED_MS}, so a flood of guesses does not lock out the people who use the server.
 */
public final class AuthThrottle implements GuessThrottle {
    /** Peers remembered at most; a flood from many addresses only evicts old, idle ones. */
    static final int MAX_ENTRIES = 4096;
    /** How long a successful login exempts its peer from the global block. */
    static final long TRUSTED_MS = 24L * 3600 * 1000;
    private static final int DEFAULT_GLOBAL_BUDGET = 30;
    private static final long DEFAULT_GLOBAL_WINDOW_MS = 5 * 60_000;

    private final int threshold;
    private final long stepDelayMs;
    private final long maxDelayMs;
    private final long initialBlockMs;
    private final long maxBlockMs;
    private final int globalBudget;
    private final long globalWindowMs;
    private final LongSupplier clockMs;
    private final Map<InetAddress, Entry> entries = new Bounded<>();
    private final Map<InetAddress, Long> trustedUntil = new Bounded<>();
    /** Times of the latest failures from every peer, at most {@code globalBudget}, oldest first. */
    private final Deque<Long> recentFailures = new ArrayDeque<>();

    private static final class Entry {
        int failures;
        long blockedUntilMs;
        long nextBlockMs;
    }

    /** An access-ordered map that forgets its least recently used entries beyond {@link #MAX_ENTRIES}. */
    private static final class Bounded<V> extends LinkedHashMap<InetAddress, V> {
        private static final long serialVersionUID = 1L;

        Bounded() {
            super(64, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, V> eldest) {
            return size() > MAX_ENTRIES;
        }
    }

    /** With the default global budget (30 failures per 5 minutes). */
    public AuthThrottle(int threshold, long stepDelayMs, long maxDelayMs, long initialBlockMs, long maxBlockMs,
                        LongSupplier clockMs) {
        this(threshold, stepDelayMs, maxDelayMs, initialBlockMs, maxBlockMs, DEFAULT_GLOBAL_BUDGET,
                DEFAULT_GLOBAL_WINDOW_MS, clockMs);
    }

    public AuthThrottle(int threshold, long stepDelayMs, long maxDelayMs, long initialBlockMs, long maxBlockMs,
                        int globalBudget, long globalWindowMs, LongSupplier clockMs) {
        if (threshold < 1 || stepDelayMs < 0 || maxDelayMs < 0 || initialBlockMs < 1 || maxBlockMs < initialBlockMs
                || globalBudget < 1 || globalWindowMs < 1) {
            throw new IllegalArgumentException("bad throttle settings");
        }
        this.threshold = threshold;
        this.stepDelayMs = stepDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.initialBlockMs = initialBlockMs;
        this.maxBlockMs = maxBlockMs;
        this.globalBudget = globalBudget;
        this.globalWindowMs = globalWindowMs;
        this.clockMs = clockMs;
    }

    /**
     * 5 failures, then 10 s blocked, doubling to 10 minutes; answers to failures delayed by up to
     * 2 s; 30 failures per 5 minutes in all.
     */
    public static AuthThrottle defaults() {
        return new AuthThrottle(5, 250, 2000, 10_000, 600_000, System::currentTimeMillis);
    }

    /** Milliseconds the address stays blocked, 0 when it may try. */
    @Override
    public synchronized long blockedForMs(InetAddress address) {
        if (address == null) {
            return 0;
        }
        InetAddress peer = PeerGroup.of(address);
        long now = clockMs.getAsLong();
        Entry e = entries.get(peer);
        long own = e == null ? 0 : Math.max(0, e.blockedUntilMs - now);
        return Math.max(own, isTrusted(peer, now) ? 0 : globalBlockedForMs(now));
    }

    /** How long the global budget stays spent: until the oldest of the last {@code globalBudget} failures ages out. */
    private long globalBlockedForMs(long now) {
        if (recentFailures.size() < globalBudget) {
            return 0;
        }
        return Math.max(0, recentFailures.peekFirst() + globalWindowMs - now);
    }

    private boolean isTrusted(InetAddress peer, long now) {
        Long until = trustedUntil.get(peer);
        return until != null && until > now;
    }

    /**
     * Records a failure and returns how long to wait before answering it: the delay grows with
     * the failures so a guesser on one connection at a time is slowed even before the block.
     */
    @Override
    public synchronized long failed(InetAddress address) {
        long now = clockMs.getAsLong();
        recentFailures.addLast(now);
        while (recentFailures.size() > globalBudget || now - recentFailures.peekFirst() >= globalWindowMs) {
            recentFailures.removeFirst();
            if (recentFailures.isEmpty()) {
                break;
            }
        }
        if (address == null) {
            return maxDelayMs;
        }
        Entry e = entries.computeIfAbsent(PeerGroup.of(address), a -> new Entry());
        e.failures++;
        if (e.failures >= threshold) {
            long block = e.nextBlockMs == 0 ? initialBlockMs : e.nextBlockMs;
            e.blockedUntilMs = now + block;
            e.nextBlockMs = Math.min(maxBlockMs, block * 2);
            // One more failure after the block ends blocks again (for twice as long).
            e.failures = threshold - 1;
        }
        return Math.min(maxDelayMs, stepDelayMs * e.failures);
    }

    /** A successful login forgets the peer's failures and exempts it from the global block for a while. */
    @Override
    public synchronized void succeeded(InetAddress address) {
        if (address != null) {
            InetAddress peer = PeerGroup.of(address);
            entries.remove(peer);
            trustedUntil.put(peer, clockMs.getAsLong() + TRUSTED_MS);
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
