package org.vfiovnc.source.demo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.SpecArgs;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/**
 * The built-in source: an animated desktop scene in XR24, so the server shows something with no
 * device at all. {@code paused} freezes the scene at time zero (for tests that compare pixels).
 */
public final class DemoSource implements DisplaySource {
    private final int width;
    private final int height;
    private final boolean paused;
    private final LongSupplier clockMillis;
    private final DemoScene scene;
    private ByteBuffer buffer;
    private long startMillis;
    private long lastPainted = Long.MIN_VALUE;
    private long serial;

    public DemoSource(int width, int height, boolean paused) {
        this(width, height, paused, System::currentTimeMillis);
    }

    DemoSource(int width, int height, boolean paused, LongSupplier clockMillis) {
        if (width < 64 || height < 64 || width > 8192 || height > 8192) {
            throw new IllegalArgumentException("demo size " + width + "x" + height + " out of range 64x64..8192x8192");
        }
        this.width = width;
        this.height = height;
        this.paused = paused;
        this.clockMillis = clockMillis;
        this.scene = new DemoScene(width, height);
    }

    /** {@code demo[:WxH][:paused]} (the part after "demo:"): 1280x720, moving, unless said otherwise. */
    public static DemoSource fromSpec(String args) {
        int w = 1280;
        int h = 720;
        boolean paused = false;
        if (!args.isEmpty()) {
            for (String part : args.split(":")) {
                if (part.equals("paused")) {
                    paused = true;
                } else {
                    int[] size = SpecArgs.size(part, "demo");
                    w = size[0];
                    h = size[1];
                }
            }
        }
        return new DemoSource(w, h, paused);
    }

    @Override
    public void open() {
        buffer = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.LITTLE_ENDIAN);
        startMillis = clockMillis.getAsLong();
        lastPainted = Long.MIN_VALUE;
    }

    @Override
    public Optional<DisplaySurface> acquire() {
        long now = clockMillis.getAsLong();
        long t = paused ? 0 : now - startMillis;
        // Animate at up to 30 frames per second whatever the tick.
        long frame = t / 33;
        if (frame != lastPainted) {
            scene.paint(t, paused ? 12 * 3600 : now / 1000 + java.util.TimeZone.getDefault().getOffset(now) / 1000);
            IntBuffer ib = buffer.asIntBuffer();
            ib.put(0, scene.pixels());
            lastPainted = frame;
            serial++;
        }
        return Optional.of(new DisplaySurface(width, height, width * 4, PixelLayout.XR24, buffer, serial));
    }

    @Override
    public String describe() {
        return "demo " + width + "x" + height + (paused ? " paused" : "");
    }

    @Override
    public void close() {
        buffer = null;
    }
}
