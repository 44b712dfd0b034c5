package org.vfiovnc.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/**
 * A source showing whatever canonical 0x00RRGGBB pictures a test hands it (a moving scene frame by
 * frame, a new size); each picture replaces the last at once, as a scanout flip would.
 */
public final class PictureSource implements DisplaySource {
    private volatile DisplaySurface surface;
    private long serial;

    public PictureSource(int[] pixels, int width, int height) {
        show(pixels, width, height);
    }

    /** Shows {@code pixels} ({@code width x height}, row-major) from the next look of the refresh loop. */
    public void show(int[] pixels, int width, int height) {
        show(pixels, width, height, 0);
    }

    /**
     * Like {@link #show(int[], int, int)}, with {@code fourth} in every pixel's fourth byte (XR24's
     * unused byte, which some guests fill, with an opaque alpha say).
     */
    public synchronized void show(int[] pixels, int width, int height, int fourth) {
        ByteBuffer buf = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < width * height; i++) {
            buf.putInt(pixels[i] & 0xffffff | fourth << 24);
        }
        buf.clear();
        surface = new DisplaySurface(width, height, width * 4, PixelLayout.XR24, buf, ++serial);
    }

    @Override
    public void open() {}

    @Override
    public Optional<DisplaySurface> acquire() {
        return Optional.of(surface);
    }

    @Override
    public String describe() {
        return "pictures";
    }

    @Override
    public void close() {}
}
