package org.vfiovnc.metrics;

/**
 * Process-wide counters of what the RFB layer sends. They are static because encoders run deep in
 * each client's sender thread, where no registry is at hand; {@link ServerMetrics} exposes them.
 */
public final class EncodeStats {
    static final MetricsRegistry.LabeledCounter BYTES = new MetricsRegistry.LabeledCounter();
    static final MetricsRegistry.LabeledCounter NANOS = new MetricsRegistry.LabeledCounter();
    static final MetricsRegistry.LabeledCounter RECTS = new MetricsRegistry.LabeledCounter();
    static final MetricsRegistry.Counter UPDATES = new MetricsRegistry.Counter();
    static final MetricsRegistry.Counter UPDATE_BYTES = new MetricsRegistry.Counter();

    private EncodeStats() {}

    /** One rectangle body of {@code bytes} encoded with RFB encoding number {@code encoding}. */
    public static void rect(int encoding, long bytes, long nanos) {
        String name = name(encoding);
        BYTES.with(name).add(bytes);
        NANOS.with(name).add(nanos);
        RECTS.with(name).inc();
    }

    /** One FramebufferUpdate message of {@code bytes} went to a client. */
    public static void update(long bytes) {
        UPDATES.inc();
        UPDATE_BYTES.add(bytes);
    }

    static String name(int encoding) {
        switch (encoding) {
            case 0: return "raw";
            case 1: return "copyrect";
            case 2: return "rre";
            case 5: return "hextile";
            case 6: return "zlib";
            case 7: return "tight";
            case 16: return "zrle";
            case 21: return "jpeg";
            case -260: return "tightpng";
            default: return Integer.toString(encoding);
        }
    }
}
