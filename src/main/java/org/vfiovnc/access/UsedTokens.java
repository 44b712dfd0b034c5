package org.vfiovnc.access;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The signed tokens used so far, each until it expires: a token opens one connection, so one
 * seen in a URL, a proxy's log or a browser's history cannot open another. Bounded: past
 * {@code max} tokens alive at once, new ones are refused rather than old ones forgotten.
 */
final class UsedTokens {
    private record Use(String id, long expiresMs) {}

    private final int max;
    private final Map<String, Long> used = new HashMap<>();
    private final PriorityQueue<Use> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.expiresMs, b.expiresMs));

    UsedTokens(int max) {
        this.max = max;
    }

    /** Records {@code id}: null the first time, else why the token is refused. */
    synchronized String firstUse(String id, long expiresMs, long nowMs) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresMs < nowMs) {
            used.remove(byExpiry.poll().id);
        }
        if (used.containsKey(id)) {
            return "token already used (a token opens one connection)";
        }
        if (used.size() >= max) {
            return "too many tokens in use; try again later";
        }
        used.put(id, expiresMs);
        byExpiry.add(new Use(id, expiresMs));
        return null;
    }
}
