package org.vfiovnc.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.vfiovnc.surface.PixelLayout;

/** Deterministic test pictures written in any source layout. */
public final class TestPatterns {
    private TestPatterns() {}

    /** The canonical colour of pixel (x, y) for {@code seed}: gradients and XOR texture, many colours. */
    public static int rgb(int x, int y, int seed) {
        return ((x * 7 + seed) & 0xff) << 16 | ((y * 5 + seed * 3) & 0xff) << 8 | ((x ^ y) + seed & 0xff);
    }

    /** Fills {@code buf} at {@code offset} with the pattern; returns the canonical pixels it decodes to. */
    public static int[] fill(ByteBuffer buf, int w, int h, int stride, int offset, PixelLayout layout, int seed) {
        int[] canonical = new int[w * h];
        int[] one = new int[1];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = offset + y * stride + x * layout.bytesPerPixel();
                layout.putCanonical(buf, at, rgb(x, y, seed));
                layout.toCanonical(buf, at, one, 0, 1);
                canonical[y * w + x] = one[0];
            }
        }
        return canonical;
    }

    /** Writes the pattern into a file as a raw framebuffer; returns the canonical pixels it decodes to. */
    public static int[] write(FileChannel ch, int w, int h, int stride, int offset, PixelLayout layout, int seed) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(offset + stride * h);
        int[] canonical = fill(buf, w, h, stride, offset, layout, seed);
        ch.write(buf, 0);
        return canonical;
    }
}
