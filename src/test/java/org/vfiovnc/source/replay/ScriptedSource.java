package org.vfiovnc.source.replay;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/** A source that plays a fixed list of frames (for exact round-trip checks), then repeats the last. */
final class ScriptedSource implements DisplaySource {
    private final List<DisplaySurface> frames;
    private int next;

    ScriptedSource(List<DisplaySurface> frames) {
        this.frames = frames;
    }

    /** Frames with random content, random changed blocks, a repeat, a size change and a layout change. */
    static ScriptedSource random(long seed) {
        Random rnd = new Random(seed);
        List<DisplaySurface> list = new ArrayList<>();
        int[] px = randomPixels(rnd, 130 * 70);
        list.add(surface(130, 70, PixelLayout.XR24, px));
        for (int f = 0; f < 6; f++) {
            px = px.clone();
            for (int blocks = rnd.nextInt(4); blocks >= 0; blocks--) {
                int x0 = rnd.nextInt(130);
                int y0 = rnd.nextInt(70);
                int c = rnd.nextInt(1 << 24);
                for (int y = y0; y < Math.min(70, y0 + 1 + rnd.nextInt(30)); y++) {
                    for (int x = x0; x < Math.min(130, x0 + 1 + rnd.nextInt(90)); x++) {
                        px[y * 130 + x] = c;
                    }
                }
            }
            list.add(surface(130, 70, PixelLayout.XR24, px));
        }
        list.add(surface(130, 70, PixelLayout.XR24, px));
        list.add(surface(77, 33, PixelLayout.XR24, randomPixels(rnd, 77 * 33)));
        int[] rg = randomPixels(rnd, 77 * 33);
        for (int i = 0; i < rg.length; i++) {
            rg[i] &= 0xf8fcf8; // exactly representable in RGB565
        }
        list.add(surface(77, 33, PixelLayout.RG16, rg));
        return new ScriptedSource(list);
    }

    static int[] randomPixels(Random rnd, int n) {
        int[] px = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = rnd.nextInt(1 << 24);
        }
        return px;
    }

    static DisplaySurface surface(int w, int h, PixelLayout layout, int[] px) {
        int bpp = layout.bytesPerPixel();
        int stride = w * bpp + 8; // padded rows, as devices have
        ByteBuffer b = ByteBuffer.allocate(stride * h).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                layout.putCanonical(b, y * stride + x * bpp, px[y * w + x]);
            }
        }
        return new DisplaySurface(w, h, stride, layout, b, 0);
    }

    int size() {
        return frames.size();
    }

    @Override
    public void open() {}

    @Override
    public Optional<DisplaySurface> acquire() {
        DisplaySurface s = frames.get(Math.min(next, frames.size() - 1));
        next++;
        return Optional.of(s);
    }

    @Override
    public String describe() {
        return "scripted";
    }

    @Override
    public void close() {}
}
