package org.vfiovnc.bench;

import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vfiovnc.testing.Vernacular;

/**
 * Idle cost of the server: `serve --source demo:1920x1080:paused` with default pacing in its own
 * process (so the viewers' own CPU is not counted), three vernacular viewers connected and idle,
 * server CPU time from /proc/PID/stat over 30 s after a 5 s settle. Target: under 2 % of one core.
 * Prints a figure; asserts nothing (speed claims come from benches, not tests).
 */
public final class IdleCpuBench {
    private static final Pattern LISTENING = Pattern.compile("listening on \\S+:(\\d+)");

    private IdleCpuBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.vfiovnc.cli.Main", "serve", "--source", "demo:1920x1080:paused", "--listen", "127.0.0.1:0",
                "--share-policy", "always-shared")
                .redirectErrorStream(true).start();
        List<Vernacular> viewers = new ArrayList<>();
        try {
            int port = awaitPort(server);
            for (int i = 0; i < 3; i++) {
                viewers.add(Vernacular.connect(port, ColorDepth.BPP_24_TRUE, c -> {}));
            }
            for (Vernacular v : viewers) {
                long until = System.nanoTime() + 60_000_000_000L;
                while (v.updateCount() == 0 && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                if (v.updateCount() == 0) {
                    throw new IllegalStateException("a viewer got no first frame: " + v.errors());
                }
            }
            Thread.sleep(5000);
            long pid = server.pid();
            double cpu0 = cpuSeconds(pid);
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double cpu1 = cpuSeconds(pid);
            double wall = (System.nanoTime() - t0) / 1e9;
            System.out.println();
            System.out.printf(Locale.ROOT, "Idle server (paused 1920x1080 demo, 3 vernacular viewers, default pacing): "
                    + "%.3f CPU s in %.1f s = %.2f %% of one core (target < 2 %%); load %s%n",
                    cpu1 - cpu0, wall, 100 * (cpu1 - cpu0) / wall, BenchMain.loadAverage());
        } finally {
            for (Vernacular v : viewers) {
                v.close();
            }
            server.destroy();
            server.waitFor();
        }
    }

    private static int awaitPort(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (r.readLine() != null) {
                            // the server's log, read so that its pipe never fills
                        }
                    } catch (java.io.IOException closed) {
                        // the server was stopped
                    }
                }, "server-log-drain");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("server exited without listening, status " + p.waitFor());
    }

    /** utime + stime of a process in seconds (fields 14 and 15 of /proc/PID/stat, clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }
}
