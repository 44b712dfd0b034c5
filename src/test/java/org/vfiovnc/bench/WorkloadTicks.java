package org.vfiovnc.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vfiovnc.damage.Region;
import org.vfiovnc.damage.SampledScan;
import org.vfiovnc.damage.TileDiffer;
import org.vfiovnc.source.replay.RecordingReader;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.Rect;

/**
 * The refresh loop's work on a recorded live desktop (testdata/e2e-desktop.fbrec.zst: the
 * bench/e2e.sh workload, a scrolling xterm, a moving window, a redrawn region, read every 5 ms):
 * each recorded change is written into a direct buffer (as a mapping would show it) and followed
 * by {@code --idle} unchanged ticks, each tick one {@link SampledScan} step as on a busy screen,
 * moves detected. Prints microseconds per tick and per changed tick, with a plain compare of the
 * whole frame against a heap copy as the baseline, timed in the same rounds.
 * Arguments: [recording] [--idle N] [--rounds N].
 */
public final class WorkloadTicks {
    private WorkloadTicks() {}

    /** A recorded frame as the rectangles it changed and their canonical pixels. */
    private record Change(List<Rect> rects, int[][] pixels) {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(System.getProperty("vfiovnc.projectDir", "."), "testdata", "e2e-desktop.fbrec.zst");
        int idle = 4;
        int rounds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--idle" -> idle = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> file = Path.of(args[i]);
            }
        }
        int width;
        int height;
        int[] first;
        List<Change> changes = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); RecordingReader r = new RecordingReader(in, file.toString())) {
            RecordingReader.Step step;
            first = null;
            while ((step = r.next()) != RecordingReader.Step.END) {
                if (step != RecordingReader.Step.FRAME) {
                    continue;
                }
                if (first == null) {
                    first = r.pixels().clone();
                    continue;
                }
                List<Rect> rects = r.lastRects();
                int[][] px = new int[rects.size()][];
                for (int k = 0; k < rects.size(); k++) {
                    px[k] = copy(r.pixels(), r.width(), rects.get(k));
                }
                changes.add(new Change(rects, px));
            }
            width = r.width();
            height = r.height();
        }
        if (first == null || changes.isEmpty()) {
            throw new IOException(file + " holds fewer than two frames");
        }
        ByteBuffer screen = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer copy = ByteBuffer.allocate(width * height * 4);
        DisplaySurface surface = new DisplaySurface(width, height, width * 4, PixelLayout.XR24, screen, 0);
        System.out.println();
        System.out.printf(Locale.ROOT, "Refresh-loop ticks on %s: %d changes, %d idle ticks after each, %dx%d; load %s%n",
                file.getFileName(), changes.size(), idle, width, height, BenchMain.loadAverage());
        System.out.printf(Locale.ROOT, "%-6s %14s %18s %16s %12s%n", "round", "us per tick", "us per change tick",
                "frame compare us", "tick/compare");
        double[] perTick = new double[rounds];
        double[] ratio = new double[rounds];
        long damaged = 0;
        for (int round = -2; round < rounds; round++) { // two rounds of JIT warm-up
            put(screen, first, width, new Rect(0, 0, width, height));
            TileDiffer differ = new TileDiffer(width, height, PixelLayout.XR24);
            SampledScan scan = new SampledScan(differ);
            scan.diff(surface, true);
            long ticks = 0;
            long tickNanos = 0;
            long changeNanos = 0;
            long baseNanos = 0;
            for (Change c : changes) {
                for (int k = 0; k < c.rects().size(); k++) {
                    put(screen, width, c.pixels()[k], c.rects().get(k));
                }
                for (int t = 0; t <= idle; t++) {
                    long t0 = System.nanoTime();
                    Region d = scan.diff(surface, true);
                    long t1 = System.nanoTime();
                    tickNanos += t1 - t0;
                    if (t == 0) {
                        changeNanos += t1 - t0;
                    }
                    damaged += d.area();
                    ticks++;
                }
                if (c == changes.get(changes.size() / 2)) {
                    // The baseline in the same round: one compare of the whole frame with an equal copy.
                    copy.clear();
                    copy.put(screen.duplicate().clear());
                    copy.clear();
                    for (int k = 0; k < 5; k++) {
                        long t0 = System.nanoTime();
                        damaged += screen.mismatch(copy);
                        baseNanos += System.nanoTime() - t0;
                    }
                }
            }
            if (round >= 0) {
                double base = baseNanos / 5 / 1e3;
                perTick[round] = tickNanos / 1e3 / ticks;
                ratio[round] = perTick[round] / base;
                System.out.printf(Locale.ROOT, "%-6d %14.1f %18.1f %16.1f %12.3f%n", round, perTick[round],
                        changeNanos / 1e3 / changes.size(), base, ratio[round]);
            }
        }
        Arrays.sort(perTick);
        Arrays.sort(ratio);
        System.out.printf(Locale.ROOT, "median: %.1f us per tick, %.3f of one frame compare (%d)%n", perTick[rounds / 2],
                ratio[rounds / 2], damaged & 1);
    }

    private static int[] copy(int[] pixels, int width, Rect r) {
        int[] out = new int[r.width() * r.height()];
        for (int y = 0; y < r.height(); y++) {
            System.arraycopy(pixels, (r.y() + y) * width + r.x(), out, y * r.width(), r.width());
        }
        return out;
    }

    private static void put(ByteBuffer screen, int[] pixels, int width, Rect r) {
        put(screen, width, copy(pixels, width, r), r);
    }

    private static void put(ByteBuffer screen, int width, int[] px, Rect r) {
        for (int y = 0; y < r.height(); y++) {
            int o = ((r.y() + y) * width + r.x()) * 4;
            for (int x = 0; x < r.width(); x++) {
                screen.putInt(o + x * 4, px[y * r.width() + x]);
            }
        }
    }
}
