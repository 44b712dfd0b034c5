package org.vfiovnc.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vfiovnc.encoding.Encoder;
import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * One update of the end-to-end workload as the encoders see it: the rectangles a busy desktop
 * sends between two frames (a 480x270 region of moved stripes, a 208x200 window dragged sideways,
 * a new terminal line, a 16x16 marker, a 600x200 block of the recorded desktop), encoded for the
 * server's own pixel format (translation is a mask) and for the format libvncclient and noVNC ask
 * for (red in the low byte: every pixel value changes). The ratio of the two in one run is what
 * translation costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class UpdateEncodeBench {
    static final Rect[] UPDATE = {
        new Rect(1400, 760, 480, 270), new Rect(900, 100, 208, 200), new Rect(20, 600, 720, 13),
        new Rect(0, 0, 16, 16), new Rect(100, 300, 600, 200),
    };

    @Param({"hextile", "zrle", "tight"})
    public String encoding;

    @Param({"server", "red-low"})
    public String format;

    private Framebuffer fb;
    private Encoder encoder;
    private PixelTranslator translator;
    private final OutBuffer out = new OutBuffer(16 << 20);

    static PixelFormat format(String name) {
        return switch (name) {
            case "server" -> PixelFormat.serverDefault();
            case "red-low" -> new PixelFormat(32, 24, false, true, 255, 255, 255, 0, 8, 16);
            default -> throw new IllegalArgumentException("unknown format " + name);
        };
    }

    /** The recorded desktop with the e2e region's stripes painted in. */
    static Framebuffer frame() {
        Framebuffer fb = EncoderBench.load("desktop-later");
        int[] p = fb.pixels();
        Rect region = UPDATE[0];
        for (int y = region.y(); y < region.bottom(); y++) {
            for (int x = region.x(); x < region.right(); x++) {
                p[y * fb.width() + x] = ((x / 24 * 7) & 0xff) << 8 | 0x203040;
            }
        }
        return fb;
    }

    static long encodeUpdate(Framebuffer fb, Encoder enc, PixelTranslator px, OutBuffer out) {
        out.reset();
        for (Rect r : UPDATE) {
            for (Rect part : enc.split(r)) {
                enc.encode(fb, part, px, out);
            }
        }
        return out.size();
    }

    @Setup
    public void setUp() {
        fb = frame();
        encoder = EncoderBench.newEncoder(encoding);
        translator = new PixelTranslator(format(format));
    }

    @Benchmark
    public long encode() {
        return encodeUpdate(fb, encoder, translator, out);
    }
}
