package org.vfiovnc.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.vfiovnc.surface.Rect;
import org.vfiovnc.testing.Tools;

/**
 * Change-to-viewer latency of H.264 updates, read off the pictures themselves: the player stamps each
 * frame's sequence number into the screen's top-left corner (eight 16x16 blocks, black or white, which
 * survive any quality level), a viewer keeps the H.264 rectangles of the watched area with the time each
 * arrived, and FFmpeg's decoder reads the stamps back afterwards. A rectangle's latency is its arrival
 * minus the time its last picture's frame became due at the source (the frame's start: what a viewer of
 * the guest would measure from).
 */
final class VideoLatency {
    private static final int BLOCK = 16;
    private static final int BITS = 8;

    private VideoLatency() {}

    /** Writes the low eight bits of {@code seq} into the top-left corner of an XR24 picture {@code width} wide. */
    static void stamp(ByteBuffer pixels, int width, long seq) {
        for (int bit = 0; bit < BITS; bit++) {
            int value = (seq >> (BITS - 1 - bit) & 1) == 1 ? 0xffffff : 0;
            for (int y = 0; y < BLOCK; y++) {
                int at = (y * width + bit * BLOCK) * 4;
                for (int x = 0; x < BLOCK; x++) {
                    pixels.putInt(at + 4 * x, value);
                }
            }
        }
    }

    /** The H.264 rectangles a viewer kept, in order. */
    static final class Capture {
        private final List<Long> arrivals = new ArrayList<>();
        private final List<Integer> pictures = new ArrayList<>();
        private final ByteArrayOutputStream stream = new ByteArrayOutputStream();

        synchronized void add(long arrivalNanos, byte[] annexB) {
            arrivals.add(arrivalNanos);
            pictures.add(countPictures(annexB));
            stream.writeBytes(annexB);
        }
    }

    /** Pictures in an Annex-B buffer: one slice each (non-IDR 1 or IDR 5), as the server encodes them. */
    static int countPictures(byte[] b) {
        int n = 0;
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                int type = b[i + 3] & 0x1f;
                if (type == 1 || type == 5) {
                    n++;
                }
                i += 2;
            }
        }
        return n;
    }

    /** Latency percentiles in milliseconds over the rectangles that arrived after the warm-up. */
    record Figures(int rectangles, double p50, double p95) {}

    /**
     * Serves {@code seconds} of the stamped {@code player} to one viewer of {@code encodings} on {@code port}
     * (after 2 s of warm-up), then decodes what it got and measures.
     */
    static Figures measure(int port, int[] encodings, Rect all, VideoFrames.Player player, int seconds)
            throws Exception {
        Capture capture = new Capture();
        long measureFrom;
        try (BenchViewer v = new BenchViewer(port, encodings, all, 0, capture)) {
            measureFrom = System.nanoTime() + 2_000_000_000L;
            Thread.sleep(2000 + seconds * 1000L);
            v.capture(null);
            if (v.error() != null) {
                throw new IllegalStateException("viewer failed: " + v.error());
            }
        }
        synchronized (capture) {
            int[] marks = decodeMarks(capture.stream.toByteArray(), all.width());
            List<Double> ms = new ArrayList<>();
            int picture = 0;
            for (int r = 0; r < capture.arrivals.size(); r++) {
                picture += capture.pictures.get(r);
                long arrival = capture.arrivals.get(r);
                if (arrival < measureFrom || capture.pictures.get(r) == 0) {
                    continue;
                }
                if (picture > marks.length) {
                    throw new IllegalStateException("FFmpeg decoded " + marks.length + " pictures, the rectangles held "
                            + picture + " or more");
                }
                long due = player.sequenceAt(arrival);
                long seq = due - ((due - marks[picture - 1]) & (1 << BITS) - 1);
                ms.add((arrival - player.dueNanos(seq)) / 1e6);
            }
            Collections.sort(ms);
            if (ms.isEmpty()) {
                throw new IllegalStateException("no H.264 rectangle of " + all + " after the warm-up");
            }
            return new Figures(ms.size(), ms.get(ms.size() / 2), ms.get(ms.size() * 95 / 100));
        }
    }

    /** Every decoded picture's stamp, in decoding order. */
    private static int[] decodeMarks(byte[] annexB, int width) throws IOException, InterruptedException {
        Path in = Files.createTempFile("latency", ".h264");
        Path out = Files.createTempFile("latency", ".gray");
        try {
            Files.write(in, annexB);
            String ffmpeg = Tools.require("ffmpeg", "ffmpeg");
            int w = BLOCK * BITS;
            Tools.Result r = Tools.run(300, ffmpeg, "-v", "error", "-y", "-f", "h264", "-i", in.toString(),
                    "-fps_mode", "passthrough", "-vf", "crop=" + w + ":" + BLOCK + ":0:0,format=gray",
                    "-f", "rawvideo", "-pix_fmt", "gray", out.toString());
            if (r.exitCode() != 0) {
                throw new IOException("ffmpeg could not decode the captured stream: " + r.output());
            }
            byte[] gray = Files.readAllBytes(out);
            int[] marks = new int[gray.length / (w * BLOCK)];
            for (int p = 0; p < marks.length; p++) {
                int v = 0;
                for (int bit = 0; bit < BITS; bit++) {
                    int centre = gray[p * w * BLOCK + BLOCK / 2 * w + bit * BLOCK + BLOCK / 2] & 0xff;
                    v = v << 1 | (centre >= 128 ? 1 : 0);
                }
                marks[p] = v;
            }
            return marks;
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }
}
