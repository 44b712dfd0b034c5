package org.vfiovnc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vfiovnc.encoding.h264.H264Backend;
import org.vfiovnc.encoding.h264.H264Encoder;
import org.vfiovnc.encoding.h264.H264Settings;

/**
 * libx264 settings compared on the 1280x720 pan and zoom of {@link VideoFrames}: encode CPU per
 * frame (the thread's CPU time, RGB to 4:2:0 conversion included), bytes per frame and mean PSNR
 * (decoded by the ffmpeg CLI), at one quality level. Each argument is {@code PRESET[@X264PARAMS]},
 * the params added after the server's own (system property {@code vfiovnc.x264.extra}); the
 * settings take turns for ROUNDS rounds and the medians are printed, since this VM's speed drifts.
 * Run: {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.vfiovnc.bench.X264Tune
 * ultrafast superfast ultrafast@aq-mode=0}.
 */
public final class X264Tune {
    private static final int W = 1280;
    private static final int H = 720;
    private static final int ROUNDS = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private X264Tune() {}

    public static void main(String[] args) throws Exception {
        Map<String, int[][]> videos = new LinkedHashMap<>();
        videos.put("pan", VideoFrames.pan(W, H, 48));
        videos.put("zoom", VideoFrames.zoom(W, H, 48));
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        Map<String, String> quality = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (String set : args) {
                for (Map.Entry<String, int[][]> v : videos.entrySet()) {
                    String key = set + " " + v.getKey();
                    ms.computeIfAbsent(key, k -> new ArrayList<>()).add(cpuMillis(settings(set), v.getValue()));
                    if (round == 0) {
                        quality.put(key, quality(settings(set), v.getValue()));
                    }
                }
            }
        }
        for (Map.Entry<String, List<Double>> e : ms.entrySet()) {
            List<Double> s = new ArrayList<>(e.getValue());
            s.sort(null);
            System.out.printf(Locale.ROOT, "%-45s %6.2f ms/frame (median of %d; %.2f..%.2f)  %s%n", e.getKey(),
                    s.get(s.size() / 2), s.size(), s.get(0), s.get(s.size() - 1), quality.get(e.getKey()));
        }
        System.out.printf("load average at end: %s%n", BenchMain.loadAverage());
    }

    private static H264Settings settings(String set) {
        String[] parts = set.split("@", 2);
        System.setProperty("vfiovnc.x264.extra", parts.length > 1 ? parts[1] : "");
        return H264Settings.defaults().withPreset(parts[0]);
    }

    /** Mean CPU per frame over the last three of four passes through the video. */
    private static double cpuMillis(H264Settings s, int[][] video) throws Exception {
        long cpu = 0;
        try (H264Encoder e = H264Encoder.open(H264Backend.LIBX264, W, H, s)) {
            for (int pass = 0; pass < 4; pass++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                for (int[] px : video) {
                    e.encode(px, 0, W, false);
                }
                if (pass > 0) {
                    cpu += THREADS.getCurrentThreadCpuTime() - t0;
                }
            }
        }
        return cpu / 1e6 / (3 * video.length);
    }

    /** Bytes per frame and mean PSNR of one pass from an IDR. */
    private static String quality(H264Settings s, int[][] video) throws Exception {
        H264Quality q = H264Quality.of(video, W, H, s);
        return String.format(Locale.ROOT, "%6d bytes/frame, %.2f dB", q.bytes() / video.length, q.meanPsnr());
    }
}
