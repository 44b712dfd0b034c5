package org.vfiovnc.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.vfiovnc.damage.SampledScan;
import org.vfiovnc.damage.TileDiffer;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/**
 * Paired ratios for a loaded machine: each round times the baseline (one mismatch of the frame
 * against a heap copy) and then the differ on the same bytes, back to back, and the median of the
 * per-round ratios is reported. Other processes then slow both sides of a pair alike, which JMH's
 * separate runs cannot guarantee.
 */
public final class DifferRatios {
    private DifferRatios() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        System.out.println();
        System.out.println("Differ paired ratios (median over " + rounds + " back-to-back rounds; load " + BenchMain.loadAverage() + ")");
        System.out.printf(Locale.ROOT, "%-20s %-7s %12s %12s %8s%n", "case", "buffer", "base us", "differ us", "ratio");
        for (boolean direct : new boolean[] {true, false}) {
            byte[] a = Frames.desktop(1);
            ByteBuffer src = Frames.buffer(a, direct);
            ByteBuffer copy = Frames.buffer(a.clone(), false);
            IntSupplier base = () -> src.mismatch(copy);
            run("unchanged", direct, rounds, base, differOn(a, a, direct));
            run("oneTileChanged", direct, rounds, base, differOn(a, Frames.oneTile(a, 640, 512), direct));
            run("fullChange", direct, rounds / 4, base, differOn(a, Frames.desktop(2), direct));
            run("scroll", direct, rounds / 4, base, differOn(a, Frames.scrolled(a, Frames.desktop(3), 100, 1000, 16), direct));
            // What the refresh loop does per tick while the screen is busy (SampledScan).
            run("sampledUnchanged", direct, rounds, base, sampledOn(a, a, direct));
            run("sampledOneTile", direct, rounds, base, sampledOn(a, Frames.oneTile(a, 640, 512), direct));
        }
    }

    /** A differ primed with {@code x} that then diffs {@code x} and {@code y} in turn. */
    private static IntSupplier differOn(byte[] x, byte[] y, boolean direct) {
        DisplaySurface[] frames = {Frames.surface(Frames.buffer(x, direct)), Frames.surface(Frames.buffer(y, direct))};
        TileDiffer d = new TileDiffer(Frames.W, Frames.H, PixelLayout.XR24);
        d.diff(frames[0]);
        int[] next = {1};
        return () -> {
            int n = d.diff(frames[next[0]]).rects().size() + d.moves().size();
            next[0] ^= 1;
            return n;
        };
    }

    /** Like {@link #differOn}, through the refresh loop's sampled scan (never a full compare). */
    private static IntSupplier sampledOn(byte[] x, byte[] y, boolean direct) {
        DisplaySurface[] frames = {Frames.surface(Frames.buffer(x, direct)), Frames.surface(Frames.buffer(y, direct))};
        TileDiffer d = new TileDiffer(Frames.W, Frames.H, PixelLayout.XR24);
        SampledScan scan = new SampledScan(d, SampledScan.DEFAULT_STEP, Integer.MAX_VALUE);
        scan.diff(frames[0], true);
        int[] next = {1};
        return () -> {
            int n = scan.diff(frames[next[0]], true).rects().size();
            next[0] ^= 1;
            return n;
        };
    }

    private static void run(String name, boolean direct, int rounds, IntSupplier base, IntSupplier differ) {
        for (int i = 0; i < 30; i++) { // warm up both
            base.getAsInt();
            differ.getAsInt();
        }
        double[] ratio = new double[rounds];
        long[] tb = new long[rounds];
        long[] td = new long[rounds];
        int sink = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            sink += base.getAsInt();
            long t1 = System.nanoTime();
            sink += differ.getAsInt();
            long t2 = System.nanoTime();
            tb[i] = t1 - t0;
            td[i] = t2 - t1;
            ratio[i] = (double) td[i] / tb[i];
        }
        Arrays.sort(ratio);
        Arrays.sort(tb);
        Arrays.sort(td);
        System.out.printf(Locale.ROOT, "%-20s %-7s %12.1f %12.1f %8.2f%s%n", name, direct ? "direct" : "heap",
                tb[rounds / 2] / 1e3, td[rounds / 2] / 1e3, ratio[rounds / 2], sink == 42 ? " " : "");
    }
}
