package org.vfiovnc.metrics;

import java.io.IOException;
import java.util.Optional;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.SizeRequest;

/**
 * Wraps a source to count how long {@link #acquire()} takes (the readback from the device or
 * file), without the refresh loop knowing about metrics.
 */
public final class TimedSource implements DisplaySource {
    private final DisplaySource inner;
    final MetricsRegistry.Counter readbackNanos = new MetricsRegistry.Counter();
    final MetricsRegistry.Counter readbacks = new MetricsRegistry.Counter();

    public TimedSource(DisplaySource inner) {
        this.inner = inner;
    }

    @Override
    public void open() throws IOException {
        inner.open();
    }

    @Override
    public Optional<DisplaySurface> acquire() throws IOException {
        long t0 = System.nanoTime();
        try {
            return inner.acquire();
        } finally {
            readbackNanos.add(System.nanoTime() - t0);
            readbacks.inc();
        }
    }

    @Override
    public Optional<CursorState> cursor() {
        return inner.cursor();
    }

    @Override
    public SizeRequest requestSize(int width, int height) {
        return inner.requestSize(width, height);
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void close() {
        inner.close();
    }
}
