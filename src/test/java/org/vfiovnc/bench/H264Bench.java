package org.vfiovnc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vfiovnc.encoding.h264.H264Backend;
import org.vfiovnc.encoding.h264.H264Encoder;
import org.vfiovnc.encoding.h264.H264Settings;
import org.vfiovnc.encoding.h264.VideoEncoders;
import org.vfiovnc.encoding.h264.Yuv420Picture;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * H.264 encode time per frame at 1920x1080 and 1280x720, default quality, for the libx264 presets near
 * the default: the recorded desktop scrolling (text moving every frame, the hard case for video) and a
 * drifting smooth gradient (photo-like). Prints total ms/frame, the RGB to 4:2:0 conversion alone, and
 * bytes/frame; then a video playing in a 640x360 window of a still desktop, where only the window is
 * converted (convert ms scaled to its area). Main-style rather than JMH: one encoder carries state from frame to frame.
 * Run: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.vfiovnc.bench.H264Bench [frames]}.
 */
public final class H264Bench {
    private static final int DISTINCT = 12;

    private H264Bench() {}

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        System.out.println(VideoEncoders.probe().summary());
        Framebuffer desktop = EncoderBench.load("desktop-terminal");
        System.out.printf(Locale.ROOT, "%-10s %-15s %-10s %10s %12s %12s%n",
                "size", "content", "preset", "ms/frame", "convert ms", "bytes/frame");
        for (int[] size : new int[][] {{1920, 1080}, {1280, 720}}) {
            int w = size[0];
            int h = size[1];
            List<int[]> scroll = scrolling(desktop, w, h);
            List<int[]> photo = gradient(w, h);
            double convert = convertMillis(scroll, w, h, frames);
            for (String preset : new String[] {"ultrafast", "superfast", "veryfast"}) {
                run(w, h, "desktop-scroll", preset, scroll, null, frames, convert);
                run(w, h, "photo", preset, photo, null, frames, convert);
            }
            // A 640x360 video playing in a window of a still desktop: only the window is converted.
            Rect window = new Rect(w / 4, h / 4, 640, 360);
            List<int[]> inWindow = windowed(scroll.get(0), w, photo, window);
            run(w, h, "video-in-window", "veryfast", inWindow, window, frames,
                    convert * window.width() * window.height() / (w * h));
        }
        System.out.printf("load average at end: %s%n", BenchMain.loadAverage());
    }

    private static void run(int w, int h, String content, String preset, List<int[]> pictures, Rect changed,
                            int frames, double convert) throws Exception {
        H264Settings s = H264Settings.defaults().withPreset(preset);
        try (H264Encoder e = H264Encoder.open(H264Backend.LIBX264, w, h, s)) {
            for (int i = 0; i < 10; i++) {
                e.encode(pictures.get(i % DISTINCT), 0, w, false);
            }
            long bytes = 0;
            long start = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                bytes += e.encode(pictures.get(i % DISTINCT), 0, w, changed, false).length;
            }
            double ms = (System.nanoTime() - start) / 1e6 / frames;
            System.out.printf(Locale.ROOT, "%-10s %-15s %-10s %10.2f %12.2f %12d%n",
                    w + "x" + h, content, preset, ms, convert, bytes / frames);
        }
    }

    /** Mean time of the Java RGB to I420 conversion for one frame. */
    private static double convertMillis(List<int[]> pictures, int w, int h, int frames) {
        Yuv420Picture p = Yuv420Picture.i420(w, h);
        for (int i = 0; i < 30; i++) {
            p.convert(pictures.get(i % DISTINCT), 0, w);
        }
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            p.convert(pictures.get(i % DISTINCT), 0, w);
        }
        return (System.nanoTime() - start) / 1e6 / frames;
    }

    /** The top-left w x h of the recorded desktop, scrolled up 6 rows more each frame (wrapping). */
    private static List<int[]> scrolling(Framebuffer fb, int w, int h) {
        List<int[]> out = new ArrayList<>();
        for (int f = 0; f < DISTINCT; f++) {
            int[] px = new int[w * h];
            for (int y = 0; y < h; y++) {
                System.arraycopy(fb.pixels(), (y + f * 6) % fb.height() * fb.width(), px, y * w, w);
            }
            out.add(px);
        }
        return out;
    }

    /** {@code still} with {@code window} showing the same area of each of {@code video}'s pictures. */
    private static List<int[]> windowed(int[] still, int w, List<int[]> video, Rect window) {
        List<int[]> out = new ArrayList<>();
        for (int[] v : video) {
            int[] px = still.clone();
            for (int y = window.y(); y < window.bottom(); y++) {
                System.arraycopy(v, y * w + window.x(), px, y * w + window.x(), window.width());
            }
            out.add(px);
        }
        return out;
    }

    private static List<int[]> gradient(int w, int h) {
        List<int[]> out = new ArrayList<>();
        for (int f = 0; f < DISTINCT; f++) {
            int[] px = new int[w * h];
            double t = f * 0.2;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double u = (double) x / w;
                    double v = (double) y / h;
                    double wave = Math.sin(u * 9 + t) * Math.cos(v * 7 - t * 0.7);
                    int r = (int) (255 * Math.min(1, Math.max(0, 0.55 * u + 0.35 + 0.12 * wave)));
                    int g = (int) (255 * Math.min(1, Math.max(0, 0.3 + 0.5 * v * (1 - u))));
                    int b = (int) (255 * Math.min(1, Math.max(0, 0.8 - 0.6 * v + 0.1 * wave)));
                    px[y * w + x] = r << 16 | g << 8 | b;
                }
            }
            out.add(px);
        }
        return out;
    }
}
