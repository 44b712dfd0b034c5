package org.vfiovnc.rfb;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Rectangles and bytes sent per encoding, across all clients of a server (for metrics and tests). */
public final class EncodingStats {
    private final Map<Integer, LongAdder> rects = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> bytes = new ConcurrentHashMap<>();

    void record(int encoding, int rectCount, long byteCount) {
        rects.computeIfAbsent(encoding, k -> new LongAdder()).add(rectCount);
        bytes.computeIfAbsent(encoding, k -> new LongAdder()).add(byteCount);
    }

    /** Rectangles sent per encoding number. */
    public Map<Integer, Long> rects() {
        Map<Integer, Long> m = new TreeMap<>();
        rects.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Bytes sent per encoding number (rect headers included). */
    public Map<Integer, Long> bytes() {
        Map<Integer, Long> m = new TreeMap<>();
        bytes.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
