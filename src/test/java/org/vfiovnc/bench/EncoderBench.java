package org.vfiovnc.bench;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.vfiovnc.damage.TileDiffer;
import org.vfiovnc.encoding.Encoder;
import org.vfiovnc.encoding.HextileEncoder;
import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.encoding.RawEncoder;
import org.vfiovnc.encoding.RreEncoder;
import org.vfiovnc.encoding.TightEncoder;
import org.vfiovnc.encoding.ZlibEncoder;
import org.vfiovnc.encoding.ZrleEncoder;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.source.file.XwdSource;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Each encoding on a whole recorded 1920x1080 desktop frame (testdata/*.xwd.zst, see
 * testdata/README.md), cut into the encoder's preferred rectangle size, for a 32 bpp client.
 * {@link BenchMain} prints MPixel/s and bytes per frame. Add new encodings in {@link #newEncoder}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EncoderBench {
    @Param({"raw", "rre", "hextile", "zlib", "zrle", "tight", "tight-jpeg6"})
    public String encoding;

    @Param({"desktop-terminal", "desktop-later"})
    public String frame;

    private Framebuffer fb;
    private Encoder encoder;
    private PixelTranslator translator;
    private final OutBuffer out = new OutBuffer(16 << 20);

    /** One encoded frame: pixels, encoded bytes and raw 32 bpp bytes. */
    record Sample(long pixels, long bytes, long rawBytes) {}

    static Encoder newEncoder(String name) {
        return switch (name) {
            case "raw" -> new RawEncoder();
            case "rre" -> new RreEncoder();
            case "hextile" -> new HextileEncoder();
            case "zlib" -> new ZlibEncoder(6);
            case "zrle" -> new ZrleEncoder(6);
            case "tight" -> tight(-1);
            case "tight-jpeg6" -> tight(6);
            default -> throw new IllegalArgumentException("unknown encoding " + name);
        };
    }

    private static TightEncoder tight(int jpegQuality) {
        TightEncoder t = new TightEncoder(false);
        t.configure(6, jpegQuality);
        return t;
    }

    /** Reads a recorded frame into a canonical framebuffer, the way the server sees it. */
    static Framebuffer load(String frame) {
        Path dir = Path.of(System.getProperty("vfiovnc.projectDir", "."), "testdata");
        try {
            byte[] z = Files.readAllBytes(dir.resolve(frame + ".xwd.zst"));
            byte[] xwd = Zstd.decompress(z, (int) Zstd.decompressedSize(z));
            Path tmp = Files.createTempFile("frame", ".xwd");
            try {
                Files.write(tmp, xwd);
                XwdSource src = new XwdSource(tmp);
                src.open();
                try {
                    DisplaySurface s = src.acquire().orElseThrow();
                    TileDiffer d = new TileDiffer(s.width(), s.height(), s.layout());
                    d.diff(s);
                    Framebuffer copy = new Framebuffer(s.width(), s.height());
                    System.arraycopy(d.framebuffer().pixels(), 0, copy.pixels(), 0, copy.pixels().length);
                    return copy;
                } finally {
                    src.close();
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long encodeFrame(Framebuffer fb, Encoder enc, PixelTranslator px, OutBuffer out) {
        out.reset();
        for (Rect r : enc.split(fb.bounds())) {
            out.u16(r.x()).u16(r.y()).u16(r.width()).u16(r.height()).s32(enc.encoding());
            enc.encode(fb, r, px, out);
        }
        return out.size();
    }

    static Sample sample(String encoding, String frame) {
        Framebuffer f = load(frame);
        long bytes = encodeFrame(f, newEncoder(encoding), new PixelTranslator(PixelFormat.serverDefault()), new OutBuffer(16 << 20));
        long px = (long) f.width() * f.height();
        return new Sample(px, bytes, px * 4);
    }

    @Setup
    public void setUp() {
        fb = load(frame);
        encoder = newEncoder(encoding);
        translator = new PixelTranslator(PixelFormat.serverDefault());
    }

    @Benchmark
    public long encode() {
        return encodeFrame(fb, encoder, translator, out);
    }
}
