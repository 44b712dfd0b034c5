package org.vfiovnc.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A tiny metrics registry that renders the Prometheus text exposition format (version 0.0.4).
 * Counters are {@link LongAdder}s so hot paths (encoders, the refresh loop) only pay an add;
 * values known elsewhere (client count, state) are read through suppliers at scrape time.
 */
public final class MetricsRegistry {
    private final List<Family> families = new ArrayList<>();

    /** One metric name with its HELP/TYPE lines and samples. */
    private interface Family {
        void render(StringBuilder out);
    }

    /** A counter; {@code scale} turns the stored long into the exposed unit (1e-9 for nanoseconds). */
    public static final class Counter {
        private final LongAdder value = new LongAdder();

        public void add(long n) {
            value.add(n);
        }

        public void inc() {
            value.increment();
        }

        public long get() {
            return value.sum();
        }
    }

    public synchronized Counter counter(String name, String help) {
        return counter(name, help, 1.0);
    }

    /** A counter stored in one unit and exposed in another (e.g. nanoseconds as seconds). */
    public synchronized Counter counter(String name, String help, double scale) {
        return register(name, help, scale, new Counter());
    }

    /** Exposes an existing counter (e.g. a process-wide one) under {@code name}. */
    public synchronized Counter register(String name, String help, double scale, Counter c) {
        families.add(out -> {
            header(out, name, help, "counter");
            out.append(name).append(' ').append(number(c.get() * scale)).append('\n');
        });
        return c;
    }

    /** Labelled counters another object keeps, as label value to count (read at scrape time). */
    public synchronized void labeledCounterFn(String name, String help, String label, double scale,
            Supplier<Map<String, Long>> values) {
        families.add(out -> {
            header(out, name, help, "counter");
            values.get().forEach((value, n) -> out.append(name).append('{').append(label).append("=\"")
                    .append(escape(value)).append("\"} ").append(number(n * scale)).append('\n'));
        });
    }

    /** A counter whose value another object keeps (read at scrape time). */
    public synchronized void counterFn(String name, String help, LongSupplier value) {
        families.add(out -> {
            header(out, name, help, "counter");
            out.append(name).append(' ').append(value.getAsLong()).append('\n');
        });
    }

    public synchronized void gauge(String name, String help, LongSupplier value) {
        families.add(out -> {
            header(out, name, help, "gauge");
            out.append(name).append(' ').append(value.getAsLong()).append('\n');
        });
    }

    /** A gauge that is 1 for the current value of a label and 0 for the others (an enum state). */
    public synchronized void stateGauge(String name, String help, String label, List<String> values, Supplier<String> current) {
        families.add(out -> {
            header(out, name, help, "gauge");
            String now = current.get();
            for (String v : values) {
                out.append(name).append('{').append(label).append("=\"").append(escape(v)).append("\"} ")
                        .append(v.equals(now) ? 1 : 0).append('\n');
            }
        });
    }

    /** The whole registry in the text exposition format. */
    public synchronized String render() {
        StringBuilder out = new StringBuilder(4096);
        for (Family f : families) {
            f.render(out);
        }
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.9g", v);
    }
}
