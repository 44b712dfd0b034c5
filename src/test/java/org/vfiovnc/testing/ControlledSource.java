package org.vfiovnc.testing;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.SizeRequest;

/**
 * A source a test drives by hand: set a picture of any size, show "no signal", or fail; viewers'
 * size requests are recorded and answered as the test says (by default prohibited, like a guest's).
 */
public final class ControlledSource implements DisplaySource {
    /** The sizes viewers asked for, as "WxH", in order. */
    public final List<String> sizeRequests = new CopyOnWriteArrayList<>();
    private volatile DisplaySurface surface;
    private volatile boolean noSignal;
    private volatile String failure;
    private volatile SizeRequest sizeAnswer = SizeRequest.PROHIBITED;
    private volatile int followSeed = -1;
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

    /**
     * Viewers' size requests get {@code answer}; with a {@code followSeed} of 0 or more (and answer
     * ACCEPTED) the picture then takes the asked size, test pattern {@code followSeed}, as a guest would.
     */
    public void answerSizeRequests(SizeRequest answer, int followSeed) {
        this.sizeAnswer = answer;
        this.followSeed = followSeed;
    }

    @Override
    public SizeRequest requestSize(int width, int height) {
        sizeRequests.add(width + "x" + height);
        SizeRequest answer = sizeAnswer;
        if (answer == SizeRequest.ACCEPTED && followSeed >= 0) {
            show(width, height, followSeed);
        }
        return answer;
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
