package org.vfiovnc.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH suite (or the benchmarks named in the arguments, JMH syntax) and prints what the
 * raw JMH table does not: GB/s and the ratio to the memory-compare baseline of the same run for the
 * differ, MPixel/s and bytes per frame for the encoders; then the refresh loop on a recorded desktop
 * ({@link WorkloadTicks}) and the idle-CPU pacing bench. Ratios,
 * not absolute times, are the figures to compare across machines and loads.
 * Arguments: JMH options, plus {@code --no-idle} to skip the 30 s idle bench.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        List<String> jmhArgs = new ArrayList<>();
        boolean idle = true;
        for (String a : args) {
            if (a.equals("--no-idle")) {
                idle = false;
            } else {
                jmhArgs.add(a);
            }
        }
        CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        OptionsBuilder ob = new OptionsBuilder();
        if (cli.getIncludes().isEmpty()) {
            ob.include("org\\.vfiovnc\\.bench\\..*Bench");
        }
        Options opts = ob.parent(cli).build();
        Collection<RunResult> results = new Runner(opts).run();
        System.out.println();
        System.out.printf("load average at end: %s%n", loadAverage());
        printDiffer(results);
        printEncoders(results);
        printUpdates(results);
        if (cli.getIncludes().isEmpty() || cli.getIncludes().stream().anyMatch(i -> i.contains("Differ"))) {
            DifferRatios.main(new String[0]);
            WorkloadTicks.main(new String[0]);
        }
        if (idle) {
            IdleCpuBench.main(new String[0]);
        }
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String shortName(RunResult r) {
        String b = r.getParams().getBenchmark();
        return b.substring(b.lastIndexOf('.', b.lastIndexOf('.') - 1) + 1);
    }

    private static double microsPerOp(RunResult r) {
        return r.getPrimaryResult().getScore(); // all suites report µs/op
    }

    private static void printDiffer(Collection<RunResult> results) {
        List<RunResult> differ = results.stream().filter(r -> shortName(r).startsWith("DifferBench.")).toList();
        if (differ.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Differ, 1920x1080 XR24 (8.29 MB per frame); ratio = time / memcmpBuffer of the same buffer kind");
        System.out.printf(Locale.ROOT, "%-36s %-7s %12s %9s %8s%n", "benchmark", "buffer", "us/frame", "GB/s", "ratio");
        for (RunResult r : differ) {
            String buf = r.getParams().getParam("buffer");
            double base = differ.stream()
                    .filter(o -> shortName(o).equals("DifferBench.memcmpBuffer") && o.getParams().getParam("buffer").equals(buf))
                    .mapToDouble(BenchMain::microsPerOp).findFirst().orElse(Double.NaN);
            double us = microsPerOp(r);
            System.out.printf(Locale.ROOT, "%-36s %-7s %12.1f %9.2f %8.2f%n", shortName(r), buf, us,
                    Frames.BYTES / us / 1e3, us / base);
        }
    }

    private static void printEncoders(Collection<RunResult> results) {
        List<RunResult> enc = results.stream().filter(r -> shortName(r).startsWith("EncoderBench.")).toList();
        if (enc.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Encoders on recorded desktop frames (whole frame in the encoder's tiles, 32 bpp client)");
        System.out.printf(Locale.ROOT, "%-10s %-22s %12s %10s %14s %8s%n", "encoding", "frame", "ms/frame", "MPixel/s", "bytes/frame", "ratio");
        for (RunResult r : enc) {
            String encoding = r.getParams().getParam("encoding");
            String frame = r.getParams().getParam("frame");
            EncoderBench.Sample s = EncoderBench.sample(encoding, frame);
            double us = microsPerOp(r);
            System.out.printf(Locale.ROOT, "%-10s %-22s %12.2f %10.1f %14d %8.3f%n", encoding, frame, us / 1e3,
                    s.pixels() / us, s.bytes(), (double) s.bytes() / s.rawBytes());
        }
        System.out.println("(ratio = encoded bytes / raw 32 bpp bytes)");
    }

    private static void printUpdates(Collection<RunResult> results) {
        List<RunResult> up = results.stream().filter(r -> shortName(r).startsWith("UpdateEncodeBench.")).toList();
        if (up.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("One update of the e2e workload (5 rectangles, 0.30 Mpixel); ratio = red-low / server format, same run");
        System.out.printf(Locale.ROOT, "%-10s %14s %14s %8s%n", "encoding", "server us", "red-low us", "ratio");
        for (String enc : new String[] {"hextile", "zrle", "tight"}) {
            double server = Double.NaN;
            double low = Double.NaN;
            for (RunResult r : up) {
                if (r.getParams().getParam("encoding").equals(enc)) {
                    if (r.getParams().getParam("format").equals("server")) {
                        server = microsPerOp(r);
                    } else {
                        low = microsPerOp(r);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%-10s %14.1f %14.1f %8.3f%n", enc, server, low, low / server);
        }
    }
}
