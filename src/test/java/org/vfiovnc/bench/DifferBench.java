package org.vfiovnc.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;
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
import org.vfiovnc.damage.Region;
import org.vfiovnc.damage.SampledScan;
import org.vfiovnc.damage.TileDiffer;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/**
 * The differ on one 1920x1080 XR24 frame (8.29 MB): unchanged, one 64x64 tile changed, everything
 * changed, a 16-row scroll of a 1500x900 window, and that window scrolling on like a terminal
 * (sampled ticks of a busy screen, the scroll found again at its last distance); against the
 * plain memory compare of the same bytes (source buffer against a heap copy, as the differ's
 * shadow is). Changing cases alternate between two frames (the terminal cycles through 16) so
 * every call sees a change. {@link BenchMain} prints GB/s and ratios.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DifferBench {
    /** Where the source frame lives: a heap array or direct memory (like a device or file mapping). */
    @Param({"direct", "heap"})
    public String buffer;

    private ByteBuffer a;
    private ByteBuffer shadowCopy;
    private byte[] aArray;
    private byte[] aCopyArray;
    private DisplaySurface unchangedSurface;
    private TileDiffer unchangedDiffer;
    private final Alternating oneTile = new Alternating();
    private final Alternating full = new Alternating();
    private final Alternating scroll = new Alternating();
    private DisplaySurface[] terminal;
    private SampledScan terminalScan;
    private int terminalNext;

    /** A differ fed two frames in turn. */
    static final class Alternating {
        TileDiffer differ;
        DisplaySurface[] frames;
        int next;

        void setUp(byte[] x, byte[] y, boolean direct) {
            frames = new DisplaySurface[] {
                Frames.surface(Frames.buffer(x, direct)), Frames.surface(Frames.buffer(y, direct))};
            differ = new TileDiffer(Frames.W, Frames.H, PixelLayout.XR24);
            differ.diff(frames[0]);
            next = 1;
        }

        Region step() {
            Region r = differ.diff(frames[next]);
            next ^= 1;
            return r;
        }
    }

    @Setup
    public void setUp() {
        boolean direct = buffer.equals("direct");
        aArray = Frames.desktop(1);
        aCopyArray = aArray.clone();
        a = Frames.buffer(aArray, direct);
        shadowCopy = Frames.buffer(aCopyArray, false);
        unchangedSurface = Frames.surface(a);
        unchangedDiffer = new TileDiffer(Frames.W, Frames.H, PixelLayout.XR24);
        unchangedDiffer.diff(unchangedSurface);
        oneTile.setUp(aArray, Frames.oneTile(aArray, 640, 512), direct);
        full.setUp(aArray, Frames.desktop(2), direct);
        scroll.setUp(aArray, Frames.scrolled(aArray, Frames.desktop(3), 100, 1000, 16), direct);
        // Each frame the one before with the window scrolled by 16 rows; one step in 16 is the
        // jump back to the first frame (a different distance: voted on, not found again).
        terminal = new DisplaySurface[16];
        byte[] f = aArray;
        for (int i = 0; i < terminal.length; i++) {
            terminal[i] = Frames.surface(Frames.buffer(f, direct));
            f = Frames.scrolled(f, Frames.desktop(4 + i), 100, 1000, 16);
        }
        TileDiffer d = new TileDiffer(Frames.W, Frames.H, PixelLayout.XR24);
        terminalScan = new SampledScan(d);
        terminalScan.diff(terminal[0], false);
        terminalNext = 1;
    }

    /** Baseline: one mismatch over the whole frame against a heap copy. */
    @Benchmark
    public int memcmpBuffer() {
        return a.mismatch(shadowCopy);
    }

    /** Baseline: Arrays.mismatch of two heap arrays (same bytes). */
    @Benchmark
    public int memcmpArrays() {
        return Arrays.mismatch(aArray, aCopyArray);
    }

    @Benchmark
    public Region unchanged() {
        return unchangedDiffer.diff(unchangedSurface);
    }

    @Benchmark
    public Region oneTileChanged() {
        return oneTile.step();
    }

    @Benchmark
    public Region fullChange() {
        return full.step();
    }

    @Benchmark
    public Region scroll() {
        return scroll.step();
    }

    /** A sampled tick of the terminal-like scroll (per frame: the scroll found again and shifted, the new rows compared and copied). */
    @Benchmark
    public Region terminalScroll() {
        Region r = terminalScan.diff(terminal[terminalNext], true);
        terminalNext = (terminalNext + 1) % terminal.length;
        return r;
    }
}
