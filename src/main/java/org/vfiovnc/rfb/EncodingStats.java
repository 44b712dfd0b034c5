package org.vfiovnc.rfb;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.vfiovnc.protocol.Encodings;

/**
 * What a server sent, across all its clients: FramebufferUpdate messages and their bytes, and per
 * encoding the rectangles, their bytes (headers included) and the time spent encoding them. Read by
 * the metrics endpoint and by tests.
 */
public final class EncodingStats {
    private final Map<Integer, LongAdder> rects = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> bytes = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> nanos = new ConcurrentHashMap<>();
    private final LongAdder updates = new LongAdder();
    private final LongAdder updateBytes = new LongAdder();
    private final LongAdder copied = new LongAdder();

    /**
     * The figures of one encoded update, kept with it: a shared update (SharedUpdates) is encoded once
     * and sent to several clients, and each send counts.
     */
    static final class Tally {
        private int copyRects;
        private int pixelEncoding;
        private int pixelRects;
        private long pixelBytes;
        private long encodeNanos;
        private long messageBytes;
        private int videoRects;
        private long videoBytes;
        private long videoNanos;

        void copies(int n) {
            copyRects += n;
        }

        void pixels(int encoding, int rectCount, long byteCount, long nanos) {
            pixelEncoding = encoding;
            pixelRects += rectCount;
            pixelBytes += byteCount;
            encodeNanos += nanos;
        }

        /** H.264 rectangles; {@code nanos} only what this sender spent encoding (0 when it copied a group's frame). */
        void video(int rectCount, long byteCount, long nanos) {
            videoRects += rectCount;
            videoBytes += byteCount;
            videoNanos += nanos;
        }

        void message(long byteCount) {
            messageBytes = byteCount;
        }
    }

    /** Counts one FramebufferUpdate sent to one client; the encode time only where it was spent. */
    void sent(Tally t, boolean encodedHere) {
        updates.increment();
        if (!encodedHere) {
            copied.increment();
        }
        updateBytes.add(t.messageBytes);
        if (t.copyRects > 0) {
            add(rects, Encodings.COPY_RECT, t.copyRects);
            add(bytes, Encodings.COPY_RECT, 12L * t.copyRects);
        }
        if (t.pixelRects > 0) {
            add(rects, t.pixelEncoding, t.pixelRects);
            add(bytes, t.pixelEncoding, t.pixelBytes);
            if (encodedHere) {
                add(nanos, t.pixelEncoding, t.encodeNanos);
            }
        }
        if (t.videoRects > 0) {
            add(rects, Encodings.H264, t.videoRects);
            add(bytes, Encodings.H264, t.videoBytes);
        }
        if (t.videoNanos > 0) {
            add(nanos, Encodings.H264, t.videoNanos);
        }
    }

    private static void add(Map<Integer, LongAdder> m, int encoding, long n) {
        m.computeIfAbsent(encoding, k -> new LongAdder()).add(n);
    }

    /** Rectangles sent per encoding number. */
    public Map<Integer, Long> rects() {
        return snapshot(rects);
    }

    /** Bytes sent per encoding number (rect headers included). */
    public Map<Integer, Long> bytes() {
        return snapshot(bytes);
    }

    /** Nanoseconds spent encoding per encoding number (a shared update's once). */
    public Map<Integer, Long> encodeNanos() {
        return snapshot(nanos);
    }

    /** FramebufferUpdate messages sent. */
    public long updates() {
        return updates.sum();
    }

    /** Bytes of FramebufferUpdate messages sent. */
    public long updateBytes() {
        return updateBytes.sum();
    }

    /** FramebufferUpdate messages copied from another viewer's sender, which encoded them (SharedUpdates). */
    public long copiedUpdates() {
        return copied.sum();
    }

    private static Map<Integer, Long> snapshot(Map<Integer, LongAdder> m) {
        Map<Integer, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
