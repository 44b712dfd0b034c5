package org.vfiovnc.encoding.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vfiovnc.testing.Tools;

/** The real FFmpeg command-line tools (Debian package ffmpeg) as the independent H.264 decoder. */
public final class FfmpegCli {
    private FfmpegCli() {}

    /** A decoded stream: its picture size and every picture as 0x00RRGGBB, row-major. */
    public record Decoded(int width, int height, List<int[]> frames) {}

    /** ffprobe's stream fields (width, height, profile, color_space, ..., nb_read_frames) of a raw H.264 file. */
    static Map<String, String> probe(Path h264) throws IOException, InterruptedException {
        String ffprobe = Tools.require("ffprobe", "ffmpeg");
        Tools.Result r = Tools.run(60, ffprobe, "-v", "error", "-f", "h264", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=width,height,profile,pix_fmt,color_space,color_range,color_primaries,"
                        + "color_transfer,has_b_frames,nb_read_frames",
                "-of", "default=noprint_wrappers=1", h264.toString());
        assertEquals(0, r.exitCode(), r.output());
        Map<String, String> m = new HashMap<>();
        for (String line : r.output().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return m;
    }

    /**
     * Decodes a raw H.264 file to RGB24 with the ffmpeg CLI, erroring out on any decode error. The YCbCr to
     * RGB step takes its matrix and range from the stream's VUI; its flags ask for exact arithmetic and plain
     * chroma replication, since swscale's default fast path alone costs about 6 dB on smooth pictures.
     */
    public static Decoded decode(Path h264) throws IOException, InterruptedException {
        Map<String, String> info = probe(h264);
        int w = Integer.parseInt(info.get("width"));
        int h = Integer.parseInt(info.get("height"));
        String ffmpeg = Tools.require("ffmpeg", "ffmpeg");
        Path rgb = Files.createTempFile("decoded", ".rgb");
        try {
            Tools.Result r = Tools.run(120, ffmpeg, "-v", "error", "-xerror", "-y", "-f", "h264", "-i", h264.toString(),
                    "-sws_flags", "accurate_rnd+full_chroma_int+full_chroma_inp+bitexact+neighbor", "-f", "rawvideo", "-pix_fmt", "rgb24", rgb.toString());
            assertEquals(0, r.exitCode(), "ffmpeg failed to decode: " + r.output());
            assertEquals("", r.output().trim(), "ffmpeg reported errors");
            byte[] bytes = Files.readAllBytes(rgb);
            int frameBytes = w * h * 3;
            assertEquals(0, bytes.length % frameBytes, "decoded size is not a whole number of " + w + "x" + h + " frames");
            List<int[]> frames = new ArrayList<>();
            for (int off = 0; off < bytes.length; off += frameBytes) {
                int[] px = new int[w * h];
                for (int i = 0; i < px.length; i++) {
                    int o = off + i * 3;
                    px[i] = (bytes[o] & 0xff) << 16 | (bytes[o + 1] & 0xff) << 8 | bytes[o + 2] & 0xff;
                }
                frames.add(px);
            }
            return new Decoded(w, h, frames);
        } finally {
            Files.deleteIfExists(rgb);
        }
    }
}
