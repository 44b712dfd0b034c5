package org.vfiovnc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.encoding.RectPlanner;
import org.vfiovnc.encoding.TightEncoder;
import org.vfiovnc.encoding.TightTestDecoder;
import org.vfiovnc.encoding.h264.H264Backend;
import org.vfiovnc.encoding.h264.H264Encoder;
import org.vfiovnc.encoding.h264.H264Settings;
import org.vfiovnc.encoding.h264.ReferenceYuv;
import org.vfiovnc.encoding.h264.VideoEncoders;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.rfb.video.VideoMode;
import org.vfiovnc.rfb.video.VideoOptions;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;
import org.vfiovnc.transport.ListenAddress;

/**
 * H.264 against Tight+JPEG as the server really sends them: a 1280x720 video (VideoFrames: a pan and
 * a zoom) playing at 30 fps in a window of the recorded 1920x1080 desktop, served in-process with the
 * default pacing and --video auto to viewers that only count bytes ({@link BenchViewer}). First the
 * quality: the mean PSNR of the window's pictures through Tight+JPEG at quality level 6 (noVNC's
 * default) and through H.264 from level 6 down or up, decoded independently (TightTestDecoder, the ffmpeg
 * CLI); the H.264 viewer uses the lowest level at least as good as Tight's. Then, in one run: bytes per
 * second, frames delivered per second and server CPU per delivered frame for one Tight viewer and one
 * H.264 viewer; 32 H.264 viewers against one (server CPU s per s, the medians of rounds alternating 1
 * and 32, and what the shared encoders did); and the whole 1080p screen panning at 60 fps to one
 * viewer, looked at every 16 ms, with its change-to-viewer latency read off stamped frames
 * ({@link VideoLatency}). Server CPU is the CPU time of the refresh loop's
 * and the sessions' threads (JIT and GC not counted).
 * Run: {@code java -Xmx4g -cp target/classes:target/test-classes:$(cat target/cp.txt) org.vfiovnc.bench.VideoBench
 * [seconds [viewers [all|1080p]]]} (target/cp.txt from {@code mvn dependency:build-classpath -Dmdep.outputFile=target/cp.txt}).
 */
public final class VideoBench {
    private static final int DW = 1920;
    private static final int DH = 1080;
    private static final Rect WINDOW = new Rect(320, 180, 1280, 720);
    private static final int TIGHT_LEVEL = 6;
    /** Rounds of each kind, alternating: single rounds on a shared host move by a third. */
    private static final int ROUNDS = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private VideoBench() {}

    /**
     * One measured run. CPU in seconds per second: all of the server's threads, its refresh loop's, and
     * its senders' (where the encoding happens).
     */
    record Result(String name, int viewers, double seconds, double bytesPerSecond, double framesPerSecond,
                  double cpuPerSecond, double loopCpu, double sendCpu, double picturesPerSecond) {
        double cpuMsPerFrame() {
            return 1000 * cpuPerSecond / Math.max(framesPerSecond * viewers, 1e-9);
        }

        /** The busiest thread's CPU per frame bounds the frame rate a quiet 2-core host reaches. */
        double ceilingFps() {
            return framesPerSecond * viewers / Math.max(Math.max(loopCpu, sendCpu / viewers), 1e-9);
        }

        String line() {
            return String.format(Locale.ROOT, "%-26s %3d viewer(s): %6.0f kB/s per viewer, %4.1f frames/s, server CPU"
                    + " %.3f s/s (loop %.3f, senders %.3f), %5.2f ms per delivered frame; %4.1f pictures encoded/s",
                    name, viewers, bytesPerSecond / 1000, framesPerSecond, cpuPerSecond, loopCpu, sendCpu,
                    cpuMsPerFrame(), picturesPerSecond);
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int many = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        System.out.println(VideoEncoders.probe().summary());
        Framebuffer desktop = EncoderBench.load("desktop-terminal");
        String only = args.length > 2 ? args[2] : "all";
        int[] tight = {1, 7, 0, -32 + TIGHT_LEVEL, -254, -223, -224};
        int[] h264 = {1, 50, 7, 0, -32 + TIGHT_LEVEL, -254, -223, -224};
        for (String content : only.equals("1080p") ? new String[0] : new String[] {"pan", "zoom"}) {
            int[][] video = content.equals("pan") ? VideoFrames.pan(WINDOW.width(), WINDOW.height(), 48)
                    : VideoFrames.zoom(WINDOW.width(), WINDOW.height(), 48);
            int level = matchingLevel(content, video);
            joinCost(content, video, level);
            int[] list = {1, 50, 7, 0, -32 + level, -254, -223, -224};
            DisplaySource windowed = new VideoFrames.Player(desktop.pixels(), DW, DH, video, WINDOW.width(),
                    WINDOW.x(), WINDOW.y());
            try (VncServer server = serve(windowed)) {
                run(server, "warm-up", 1, list, WINDOW, 4);
                run(server, "warm-up", 1, tight, WINDOW, 4);
                List<Result> ts = new ArrayList<>();
                List<Result> hs = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    ts.add(run(server, content + " window, Tight+JPEG", 1, tight, WINDOW, seconds));
                    hs.add(run(server, content + " window, H.264", 1, list, WINDOW, seconds));
                    System.out.println(ts.get(round).line());
                    System.out.println(hs.get(round).line());
                }
                System.out.printf(Locale.ROOT, "%s, medians of %d rounds: H.264/Tight+JPEG bytes/s %.3f (target <= 0.25),"
                        + " CPU per frame %.2f (target <= 1.0; senders alone %.2f), frames/s %.2f%n", content, ROUNDS,
                        median(hs, Result::bytesPerSecond) / median(ts, Result::bytesPerSecond),
                        median(hs, Result::cpuMsPerFrame) / median(ts, Result::cpuMsPerFrame),
                        median(hs, r -> r.sendCpu() / r.framesPerSecond())
                                / median(ts, r -> r.sendCpu() / r.framesPerSecond()),
                        median(hs, Result::framesPerSecond) / median(ts, Result::framesPerSecond));
                if (content.equals("pan")) {
                    fanOut(server, list, many, seconds);
                }
            }
        }
        // The whole screen moving 60 times a second, looked at every 16 ms (--tick-ms 16): the server's
        // own rate shows, not the default 33 ms tick's (which caps what any encoding delivers near 30).
        int[][] full = VideoFrames.pan(DW, DH, 30);
        VideoFrames.Player fullScreen = new VideoFrames.Player(full[0], DW, DH, full, DW, 0, 0, 60);
        full = null;
        try (VncServer server = serve(fullScreen, new RefreshLoop.Pacing(16, 100, 1000, 30_000))) {
            Rect all = new Rect(0, 0, DW, DH);
            run(server, "warm-up", 1, h264, all, 4);
            Result f = run(server, "1080p pan, H.264", 1, h264, all, seconds);
            System.out.println(f.line());
            f = run(server, "1080p pan, H.264", 1, h264, all, seconds);
            System.out.println(f.line());
            Result ft = run(server, "1080p pan, Tight+JPEG", 1, tight, all, seconds);
            System.out.println(ft.line());
            fullScreen.stamp(true);
            VideoLatency.Figures lat = VideoLatency.measure(server.port(), h264, all, fullScreen,
                    seconds);
            fullScreen.stamp(false);
            System.out.printf(Locale.ROOT, "1080p H.264 change-to-viewer latency over %d updates: p50 %.1f ms, p95 %.1f ms"
                    + " (target p50 <= one frame interval plus the tick, %.1f ms)%n", lat.rectangles(), lat.p50(), lat.p95(),
                    1000.0 / 60 + 16);
            System.out.printf(Locale.ROOT, "1080p full-screen motion: %.1f frames/s with H.264 (target >= 30),"
                    + " %.1f with Tight+JPEG; the busiest thread's CPU per frame allows %.0f and %.0f on two idle"
                    + " cores%n", f.framesPerSecond(), ft.framesPerSecond(), f.ceilingFps(), ft.ceilingFps());
        }
        System.out.printf("load average at end: %s%n", BenchMain.loadAverage());
    }

    /** The lowest H.264 level whose mean PSNR on {@code video} is at least Tight+JPEG's at level 6. */
    private static int matchingLevel(String content, int[][] video) throws Exception {
        double tightPsnr = tightPsnr(video, TIGHT_LEVEL);
        System.out.printf(Locale.ROOT, "%s quality: Tight+JPEG level %d: %.2f dB mean PSNR%n", content, TIGHT_LEVEL,
                tightPsnr);
        // PSNR grows with the level: from noVNC's default 6, down while still as good, else up.
        int q = 6;
        if (levelPsnr(content, video, q) >= tightPsnr) {
            while (q > 0 && levelPsnr(content, video, q - 1) >= tightPsnr) {
                q--;
            }
        } else {
            while (q < 9 && levelPsnr(content, video, ++q) < tightPsnr) {
                // the next level up
            }
        }
        System.out.printf("%s: H.264 runs at level %d, the lowest at least as good (or the best)%n", content, q);
        return q;
    }

    private static double levelPsnr(String content, int[][] video, int q) throws Exception {
        double p = h264Psnr(video, q);
        System.out.printf(Locale.ROOT, "%s quality: H.264 level %d (CRF %.1f): %.2f dB mean PSNR%n", content, q,
                H264Settings.crf(q) + H264Encoder.colourFor(H264Backend.LIBX264).crfOffset(), p);
        return p;
    }

    /**
     * What a viewer joining a shared group costs when it forces an IDR for everyone: an IDR against the
     * P pictures around it, in bytes (sent to every viewer) and encode time (spent once).
     */
    private static void joinCost(String content, int[][] video, int level) throws Exception {
        int w = WINDOW.width();
        long pBytes = 0;
        long pNanos = 0;
        long iBytes = 0;
        long iNanos = 0;
        int ps = 0;
        int is = 0;
        try (H264Encoder e = H264Encoder.open(H264Backend.LIBX264, w, WINDOW.height(),
                H264Settings.defaults().withQuality(level))) {
            for (int i = 0; i < 3 * video.length; i++) {
                boolean idr = i % 12 == 0;
                long t0 = THREADS.getCurrentThreadCpuTime();
                int n = e.encode(video[i % video.length], 0, w, idr).length;
                long t = THREADS.getCurrentThreadCpuTime() - t0;
                if (i < video.length) {
                    continue; // warm-up
                }
                if (idr) {
                    iBytes += n;
                    iNanos += t;
                    is++;
                } else {
                    pBytes += n;
                    pNanos += t;
                    ps++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: a forced IDR (a join) is %d bytes and %.1f ms CPU to encode, a P picture"
                + " %d bytes and %.1f ms: %.1fx the bytes to every viewer, %.1fx the time once%n", content, iBytes / is,
                iNanos / 1e6 / is, pBytes / ps, pNanos / 1e6 / ps, (double) iBytes / is / (pBytes / ps),
                (double) iNanos / is / (pNanos / ps));
    }

    /** Rounds of one viewer and of {@code many} alternating; the medians of server CPU compared. */
    private static void fanOut(VncServer server, int[] h264, int many, int seconds) throws Exception {
        run(server, "warm-up", many, h264, WINDOW, 4);
        List<Result> ones = new ArrayList<>();
        List<Result> manys = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            ones.add(run(server, "pan window, H.264", 1, h264, WINDOW, seconds));
            manys.add(run(server, "pan window, H.264", many, h264, WINDOW, seconds));
            System.out.println(ones.get(round).line());
            System.out.println(manys.get(round).line());
        }
        double one = median(ones, Result::cpuPerSecond);
        double lots = median(manys, Result::cpuPerSecond);
        // More viewers ask more often, so the group encodes more of the source's pictures than one viewer
        // gets: per picture encoded is the cost of the sharing itself.
        double perPicture = median(manys, r -> r.cpuPerSecond() / r.picturesPerSecond())
                / median(ones, r -> r.cpuPerSecond() / r.picturesPerSecond());
        System.out.printf(Locale.ROOT, "fan-out: median CPU %.3f s/s for 1, %.3f s/s for %d: ratio %.2f"
                + " (target <= 1.5); per picture encoded %.2f%n", one, lots, many, lots / one, perPicture);
        System.out.println(server.rfb().video().counters());
    }

    private static VncServer serve(DisplaySource source) throws Exception {
        return serve(source, RefreshLoop.Pacing.defaults());
    }

    private static VncServer serve(DisplaySource source, RefreshLoop.Pacing pacing) throws Exception {
        RfbConfig config = RfbConfig.defaults(List.of(new NoneSecurity())).withMaxClients(256)
                .withVideo(VideoOptions.defaults().withMode(VideoMode.AUTO));
        return VncServer.start(source, pacing, config, NoInputSink.INSTANCE, new ListenAddress("127.0.0.1", 0));
    }

    private static Result run(VncServer server, String name, int viewers, int[] encodings, Rect watched, int seconds)
            throws Exception {
        List<BenchViewer> list = new ArrayList<>();
        try {
            for (int i = 0; i < viewers; i++) {
                list.add(new BenchViewer(server.port(), encodings, watched, i));
            }
            Thread.sleep(2000); // joined, motion found, encoders open
            long[] b0 = sums(list);
            long p0 = server.rfb().video().counters().pictures();
            Map<String, Long> c0 = serverCpu();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long[] b1 = sums(list);
            long p1 = server.rfb().video().counters().pictures();
            Map<String, Long> c1 = serverCpu();
            double t = (System.nanoTime() - t0) / 1e9;
            long cpu = 0;
            long loop = 0;
            long send = 0;
            for (Map.Entry<String, Long> e : c1.entrySet()) {
                long d = e.getValue() - c0.getOrDefault(e.getKey(), 0L);
                cpu += d;
                loop += e.getKey().startsWith("refresh-") ? d : 0;
                send += e.getKey().startsWith("rfb-send-") ? d : 0;
            }
            for (BenchViewer v : list) {
                if (v.error() != null) {
                    throw new IllegalStateException("viewer failed: " + v.error());
                }
            }
            return new Result(name, viewers, t, (b1[0] - b0[0]) / t / viewers, (b1[1] - b0[1]) / t / viewers,
                    cpu / 1e9 / t, loop / 1e9 / t, send / 1e9 / t, (p1 - p0) / t);
        } finally {
            for (BenchViewer v : list) {
                v.close();
            }
            Thread.sleep(500);
        }
    }

    private static long[] sums(List<BenchViewer> list) {
        long bytes = 0;
        long frames = 0;
        for (BenchViewer v : list) {
            bytes += v.bytes.get();
            frames += v.frames.get();
        }
        return new long[] {bytes, frames};
    }

    /**
     * CPU nanoseconds so far of each live thread of the server (refresh loop, sessions' readers and
     * senders), by name and id.
     */
    private static Map<String, Long> serverCpu() {
        Map<String, Long> out = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("refresh-") || info.getThreadName().startsWith("rfb-"))) {
                long ns = THREADS.getThreadCpuTime(info.getThreadId());
                if (ns >= 0) {
                    out.put(info.getThreadName() + "#" + info.getThreadId(), ns);
                }
            }
        }
        return out;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static double median(List<Result> v, java.util.function.ToDoubleFunction<Result> f) {
        List<Double> s = new ArrayList<>();
        for (Result r : v) {
            s.add(f.applyAsDouble(r));
        }
        return median(s);
    }

    /** Mean PSNR of every sixth picture through the Tight encoder at JPEG level {@code level}, decoded back. */
    private static double tightPsnr(int[][] video, int level) throws Exception {
        int w = WINDOW.width();
        int h = WINDOW.height();
        PixelFormat f = PixelFormat.serverDefault();
        PixelTranslator pixels = new PixelTranslator(f);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < video.length; i += 6) {
            Framebuffer fb = new Framebuffer(w, h);
            System.arraycopy(video[i], 0, fb.pixels(), 0, w * h);
            TightEncoder e = new TightEncoder(false);
            e.configure(2, level);
            TightTestDecoder d = new TightTestDecoder();
            int[] shown = new int[w * h];
            for (Rect piece : RectPlanner.plan(fb, List.of(fb.bounds()), e)) {
                OutBuffer out = new OutBuffer();
                e.encode(fb, piece, pixels, out);
                int[] px = d.decode(ByteBuffer.wrap(out.toByteArray()), piece.width(), piece.height(), f);
                for (int y = 0; y < piece.height(); y++) {
                    System.arraycopy(px, y * piece.width(), shown, (piece.y() + y) * w + piece.x(), piece.width());
                }
            }
            e.close();
            sum += ReferenceYuv.psnr(shown, w, video[i], w, w, h);
            n++;
        }
        return sum / n;
    }

    /** Mean PSNR of the pictures through H.264 at {@code level}, decoded by the ffmpeg CLI. */
    private static double h264Psnr(int[][] video, int level) throws Exception {
        return H264Quality.of(video, WINDOW.width(), WINDOW.height(), H264Settings.defaults().withQuality(level)).meanPsnr();
    }
}
