package org.vfiovnc.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.testing.Tools;

/**
 * Video-like pictures for the video benchmarks, from FFmpeg's Mandelbrot renderer (smooth colour
 * fields and fine detail) run once by the ffmpeg CLI and kept under target/bench-video: a zoom (every
 * pixel moves and is rescaled each frame: the worst case for a codec's motion search) and a camera pan
 * over a still of it (every pixel moves, by whole pixels: the best case). And a source that plays
 * them over a still desktop at 30 frames per second, forwards then backwards (no cut), as a guest
 * playing a video in a window would show them.
 */
final class VideoFrames {
    private VideoFrames() {}

    /** {@code count} pictures of {@code w x h} zooming in, canonical 0x00RRGGBB. */
    static int[][] zoom(int w, int h, int count) throws IOException, InterruptedException {
        return render(w, h, count, "0.5");
    }

    /**
     * {@code count} pictures of {@code w x h} panning over a still twice as large, 4 pixels right and 2
     * down per frame.
     */
    static int[][] pan(int w, int h, int count) throws IOException, InterruptedException {
        int sw = w + 4 * count;
        int sh = h + 2 * count;
        int[] still = render(sw, sh, 1, "1.5")[0];
        int[][] out = new int[count][w * h];
        for (int f = 0; f < count; f++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(still, (y + 2 * f) * sw + 4 * f, out[f], y * w, w);
            }
        }
        return out;
    }

    private static int[][] render(int w, int h, int count, String startScale) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("vfiovnc.projectDir", "."), "target", "bench-video");
        Files.createDirectories(dir);
        Path file = dir.resolve("mandelbrot-" + w + "x" + h + "-" + count + "-" + startScale + ".bgr0");
        long frameBytes = 4L * w * h;
        if (!Files.exists(file) || Files.size(file) != frameBytes * count) {
            String ffmpeg = Tools.require("ffmpeg", "ffmpeg");
            Tools.Result r = Tools.run(600, ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i",
                    "mandelbrot=size=" + w + "x" + h + ":rate=30:start_scale=" + startScale, "-frames:v",
                    Integer.toString(count), "-f", "rawvideo", "-pix_fmt", "bgr0", file.toString());
            if (r.exitCode() != 0) {
                throw new IOException("ffmpeg: " + r.output());
            }
        }
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int[][] out = new int[count][w * h];
        for (int f = 0; f < count; f++) {
            b.position((int) (f * frameBytes));
            b.asIntBuffer().get(out[f]);
            for (int i = 0; i < out[f].length; i++) {
                out[f][i] &= 0xffffff;
            }
        }
        return out;
    }

    /** Plays pictures by the clock, forwards then backwards. */
    static final class Player implements DisplaySource {
        private final DisplaySurface[] surfaces;
        private final ByteBuffer[] buffers;
        private final int width;
        private final int fps;
        private final long start = System.nanoTime();
        /** Whether each frame's sequence number is stamped into its corner ({@link VideoLatency}). */
        private volatile boolean stamped;

        /** {@code video}'s pictures pasted at {@code x, y} into {@code desktop} ({@code dw x dh}), 30 per second. */
        Player(int[] desktop, int dw, int dh, int[][] video, int vw, int x, int y) {
            this(desktop, dw, dh, video, vw, x, y, 30);
        }

        Player(int[] desktop, int dw, int dh, int[][] video, int vw, int x, int y, int fps) {
            this.fps = fps;
            this.width = dw;
            surfaces = new DisplaySurface[video.length];
            buffers = new ByteBuffer[video.length];
            for (int f = 0; f < video.length; f++) {
                ByteBuffer buf = ByteBuffer.allocateDirect(dw * dh * 4).order(ByteOrder.LITTLE_ENDIAN);
                buf.asIntBuffer().put(desktop);
                int vh = video[f].length / vw;
                for (int row = 0; row < vh; row++) {
                    buf.position(((y + row) * dw + x) * 4);
                    buf.asIntBuffer().put(video[f], row * vw, vw);
                }
                buf.clear();
                buffers[f] = buf;
                surfaces[f] = new DisplaySurface(dw, dh, dw * 4, PixelLayout.XR24, buf, f + 1);
            }
        }

        @Override
        public void open() {}

        @Override
        public Optional<DisplaySurface> acquire() {
            int n = surfaces.length;
            long seq = sequenceAt(System.nanoTime());
            long frame = seq % (2L * n - 2);
            int index = (int) (frame < n ? frame : 2L * n - 2 - frame);
            if (stamped) {
                // Only the loop's thread acquires, and it is done with the previous picture by now.
                VideoLatency.stamp(buffers[index], width, seq);
            }
            return Optional.of(surfaces[index]);
        }

        void stamp(boolean on) {
            stamped = on;
        }

        /** The sequence number of the frame due at {@code nanos} (System.nanoTime). */
        long sequenceAt(long nanos) {
            return (nanos - start) * fps / 1_000_000_000L;
        }

        /** When frame {@code seq} became due. */
        long dueNanos(long seq) {
            return start + (seq * 1_000_000_000L + fps - 1) / fps;
        }

        @Override
        public String describe() {
            return "video-bench";
        }

        @Override
        public void close() {}
    }
}
