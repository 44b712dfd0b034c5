package org.vfiovnc.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/**
 * A source that misbehaves on cue, for fault-injection tests. In {@link Mode#NORMAL} it shows a
 * picture that changes every frame (a moving bar on a background) unless frozen; the other modes
 * throw, hang, flap between modes, show nothing or vanish until set back.
 */
public final class FaultySource implements DisplaySource {
    public enum Mode { NORMAL, THROW, HANG, FLAP, EMPTY, GONE }

    private final int width;
    private final int height;
    private volatile Mode mode = Mode.NORMAL;
    private volatile boolean frozen;
    private volatile CountDownLatch hang = new CountDownLatch(1);
    private final AtomicInteger opens = new AtomicInteger();
    private final AtomicInteger openAttempts = new AtomicInteger();
    private final AtomicInteger hungCalls = new AtomicInteger();
    private volatile boolean open;
    private long frame;
    private ByteBuffer buf;

    public FaultySource(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public void set(Mode m) {
        if (m != Mode.HANG) {
            hang.countDown();
        } else {
            hang = new CountDownLatch(1);
        }
        mode = m;
    }

    /** Stops the picture from changing (NORMAL mode shows the same frame from now on). */
    public void freeze(boolean f) {
        frozen = f;
    }

    public int opens() {
        return opens.get();
    }

    public int openAttempts() {
        return openAttempts.get();
    }

    public int hungCalls() {
        return hungCalls.get();
    }

    public boolean isOpen() {
        return open;
    }

    @Override
    public void open() throws IOException {
        openAttempts.incrementAndGet();
        if (mode == Mode.GONE) {
            throw new SourceException("device vanished (test)");
        }
        opens.incrementAndGet();
        open = true;
    }

    @Override
    public synchronized Optional<DisplaySurface> acquire() throws IOException {
        switch (mode) {
            case THROW:
                throw new IllegalStateException("acquire exploded (test)");
            case GONE:
                throw new SourceException("device vanished (test)");
            case EMPTY:
                return Optional.empty();
            case HANG:
                hungCalls.incrementAndGet();
                // Like a call stuck in the kernel: interrupts do not end it, only set(NORMAL) does.
                boolean interrupted = false;
                while (hang.getCount() > 0) {
                    try {
                        hang.await();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return Optional.empty();
            case FLAP: {
                frame++;
                int w = width - (int) (frame % 2) * 16;
                PixelLayout layout = frame % 3 == 0 ? PixelLayout.XB24 : PixelLayout.XR24;
                return Optional.of(paint(w, height, layout));
            }
            case NORMAL:
            default:
                if (!frozen) {
                    frame++;
                }
                return Optional.of(paint(width, height, PixelLayout.XR24));
        }
    }

    /** The canonical pixel the NORMAL picture has at (x, y) for the current frame. */
    public int expectedPixel(int x, int y) {
        int bar = (int) (frame * 7 % width);
        if (x >= bar && x < bar + 20) {
            return 0xffd040;
        }
        return ((x * 255 / width) << 16) | ((y * 255 / height) << 8) | 0x40;
    }

    private DisplaySurface paint(int w, int h, PixelLayout layout) {
        if (buf == null || buf.capacity() < w * h * 4) {
            buf = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.clear();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = expectedPixel(x, y);
                // XR24 is little-endian B,G,R,X; XB24 is R,G,B,X.
                int v = layout == PixelLayout.XR24 ? rgb
                        : ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >> 16) & 0xff);
                b.putInt((y * w + x) * 4, v);
            }
        }
        b.limit(w * h * 4);
        return new DisplaySurface(w, h, w * 4, layout, b.slice().order(ByteOrder.LITTLE_ENDIAN), frame);
    }

    /** Whole expected NORMAL picture, canonical. */
    public int[] expected() {
        int[] px = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                px[y * width + x] = expectedPixel(x, y);
            }
        }
        return px;
    }

    @Override
    public String describe() {
        return "faulty " + width + "x" + height;
    }

    @Override
    public void close() {
        open = false;
    }
}
