package org.vfiovnc.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.vfiovnc.damage.TileDiffer;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/**
 * Same-JVM A/B of two differ versions: this tree's {@link TileDiffer} against an earlier revision's
 * damage package, compiled as {@code org.vfiovnc.baselinedamage} (bench/differ-ab.sh builds it). Each
 * round diffs the same frame pair with both, the order alternating from round to round, and the
 * median of the per-round time ratios is printed with its quartiles. On a noisy machine this is
 * the only way a change of a few per cent shows: separate JMH runs here moved by half between runs.
 */
public final class DifferAb {
    static final String BASELINE = "org.vfiovnc.baselinedamage.TileDiffer";
    private static final int WARM_UP = 60;

    private DifferAb() {}

    public static void main(String[] args) throws Throwable {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        Baseline baseline = Baseline.load();
        System.out.println();
        System.out.println("Differ A/B, this tree against " + BASELINE + " (median of " + rounds
                + " interleaved rounds, quartiles in brackets; load " + BenchMain.loadAverage() + ")");
        System.out.printf(Locale.ROOT, "%-12s %-7s %12s %12s %8s %16s%n", "case", "buffer", "baseline us", "this us", "ratio", "quartiles");
        for (boolean direct : new boolean[] {true, false}) {
            byte[] a = Frames.desktop(1);
            compare("unchanged", direct, rounds, baseline, a, a);
            compare("oneTile", direct, rounds, baseline, a, Frames.oneTile(a, 640, 512));
            compare("fullChange", direct, rounds / 4, baseline, a, Frames.desktop(2));
            compare("scroll", direct, rounds / 4, baseline, a, Frames.scrolled(a, Frames.desktop(3), 100, 1000, 16));
        }
    }

    private static void compare(String name, boolean direct, int rounds, Baseline baseline, byte[] x, byte[] y) throws Throwable {
        DisplaySurface[] frames = {Frames.surface(Frames.buffer(x, direct)), Frames.surface(Frames.buffer(y, direct))};
        TileDiffer mine = new TileDiffer(Frames.W, Frames.H, PixelLayout.XR24);
        IntSupplier current = alternating(frames, s -> mine.diff(s).rects().size() + mine.moves().size());
        IntSupplier base = alternating(frames, baseline.differ());
        for (int i = 0; i < WARM_UP; i++) {
            base.getAsInt();
            current.getAsInt();
        }
        double[] ratio = new double[rounds];
        long[] tBase = new long[rounds];
        long[] tMine = new long[rounds];
        int sink = 0;
        for (int i = 0; i < rounds; i++) {
            // Alternate who goes first, so neither always meets the other's cache leftovers.
            boolean mineFirst = (i & 1) == 0;
            long t0 = System.nanoTime();
            sink += mineFirst ? current.getAsInt() : base.getAsInt();
            long t1 = System.nanoTime();
            sink += mineFirst ? base.getAsInt() : current.getAsInt();
            long t2 = System.nanoTime();
            tMine[i] = mineFirst ? t1 - t0 : t2 - t1;
            tBase[i] = mineFirst ? t2 - t1 : t1 - t0;
            ratio[i] = (double) tMine[i] / tBase[i];
        }
        Arrays.sort(ratio);
        Arrays.sort(tBase);
        Arrays.sort(tMine);
        System.out.printf(Locale.ROOT, "%-12s %-7s %12.1f %12.1f %8.2f %16s%s%n", name, direct ? "direct" : "heap",
                tBase[rounds / 2] / 1e3, tMine[rounds / 2] / 1e3, ratio[rounds / 2],
                String.format(Locale.ROOT, "[%.2f, %.2f]", ratio[rounds / 4], ratio[rounds * 3 / 4]), sink == 42 ? " " : "");
    }

    /** Primes a differ with frame 0 once, then diffs frame 1, frame 0, frame 1 ... */
    private static IntSupplier alternating(DisplaySurface[] frames, Diff differ) {
        int[] next = {0};
        return () -> {
            int n = differ.diff(frames[next[0]]);
            next[0] ^= 1;
            return n;
        };
    }

    @FunctionalInterface
    interface Diff {
        int diff(DisplaySurface s);
    }

    /**
     * The earlier revision's differ, reached through method handles: it is compiled outside this
     * tree, and its diff returns its own package's Region.
     */
    private record Baseline(MethodHandle create, MethodHandle diff, MethodHandle rects, MethodHandle moves) {
        static Baseline load() throws ReflectiveOperationException {
            Class<?> c;
            try {
                c = Class.forName(BASELINE);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(BASELINE + " is not on the class path: run bench/differ-ab.sh REV", e);
            }
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Method diff = c.getMethod("diff", DisplaySurface.class);
            return new Baseline(
                    lookup.findConstructor(c, MethodType.methodType(void.class, int.class, int.class, PixelLayout.class)),
                    lookup.unreflect(diff),
                    lookup.unreflect(diff.getReturnType().getMethod("rects")),
                    lookup.findVirtual(c, "moves", MethodType.methodType(List.class)));
        }

        Diff differ() throws Throwable {
            Object d = create.invoke(Frames.W, Frames.H, PixelLayout.XR24);
            return s -> {
                try {
                    Object region = diff.invoke(d, s);
                    return ((List<?>) rects.invoke(region)).size() + ((List<?>) moves.invoke(d)).size();
                } catch (Throwable t) {
                    throw new IllegalStateException("baseline differ failed", t);
                }
            };
        }
    }
}
