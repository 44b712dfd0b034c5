package org.vfiovnc.testing;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/** A source a test drives by hand: set a picture of any size, show "no signal", or fail. */
public final class ControlledSource implements DisplaySource {
    private volatile DisplaySurface surface;
    private volatile boolean noSignal;
    private volatile String failure;
    private long serial;

    public ControlledSource(int w, int h, int seed) {
        show(w, h, seed);
    }

    /** Shows the test pattern {@code seed} at w x h (XR24); returns its canonical pixels. */
    public synchronized int[] show(int w, int h, int seed) {
        ByteBuffer buf = ByteBuffer.allocateDirect(w * h * 4);
        int[] px = TestPatterns.fill(buf, w, h, w * 4, 0, PixelLayout.XR24, seed);
        surface = new DisplaySurface(w, h, w * 4, PixelLayout.XR24, buf, ++serial);
        noSignal = false;
        failure = null;
        return px;
    }

    public void noSignal() {
        noSignal = true;
    }

    public void fail(String message) {
        failure = message;
    }

    @Override
    public void open() throws java.io.IOException {
        if (failure != null) {
            throw new java.io.IOException(failure);
        }
    }

    @Override
    public Optional<DisplaySurface> acquire() throws java.io.IOException {
        if (failure != null) {
            throw new java.io.IOException(failure);
        }
        return noSignal ? Optional.empty() : Optional.of(surface);
    }

    @Override
    public String describe() {
        return "controlled";
    }

    @Override
    public void close() {}
}
