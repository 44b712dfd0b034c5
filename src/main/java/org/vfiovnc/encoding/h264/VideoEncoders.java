package org.vfiovnc.encoding.h264;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Which H.264 encoder this host can run: each hardware encoder whose device is present is opened (and
 * fed one picture) at a small size, then libx264; the first that works is {@link Probe#chosen()}. Done
 * once per process and logged in one line, e.g.
 * {@code video: libx264 (software); h264_nvenc: no /dev/nvidiactl; h264_qsv: no /dev/dri/renderD*; ...}.
 * A host without libavcodec gets a probe with nothing chosen and the reason, never an error.
 */
public final class VideoEncoders {
    private static final Logger LOG = Logger.getLogger(VideoEncoders.class.getName());
    /** Hardware first; libx264 last as the encoder that is always there with libavcodec59. */
    private static final List<H264Backend> ORDER =
            List.of(H264Backend.NVENC, H264Backend.QSV, H264Backend.VAAPI, H264Backend.LIBX264);
    private static Probe probe;

    private VideoEncoders() {}

    /**
     * The outcome of probing.
     *
     * @param chosen the encoder to use, or null when none works
     * @param notes per libavcodec encoder name, "ok" or why it is not used, in probing order
     */
    public record Probe(H264Backend chosen, Map<String, String> notes) {
        public Probe {
            notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
        }

        private static String conversion(YuvColour colour) {
            return colour == YuvColour.BT601_FULL ? "libjpeg-turbo, BT.601 full range"
                    : "the Java converter, BT.709 limited range";
        }

        /** One line for the log and the probe command. */
        public String summary() {
            List<String> parts = new ArrayList<>();
            if (chosen == null) {
                parts.add("video: none");
            } else {
                parts.add("video: " + chosen.codecName() + " (" + chosen.description() + ", 4:2:0 by "
                        + conversion(H264Encoder.colourFor(chosen)) + ")");
            }
            notes.forEach((name, note) -> {
                if (chosen == null || !name.equals(chosen.codecName())) {
                    parts.add(name + ": " + note);
                }
            });
            return String.join("; ", parts);
        }
    }

    /** Probes on first call (logging the summary), then returns the same answer. */
    public static synchronized Probe probe() {
        if (probe == null) {
            probe = probeNow();
            LOG.info(probe.summary());
        }
        return probe;
    }

    private static Probe probeNow() {
        Map<String, String> notes = new LinkedHashMap<>();
        if (!Ffmpeg.available()) {
            notes.put("libavcodec", Ffmpeg.unavailableReason());
            return new Probe(null, notes);
        }
        H264Backend chosen = null;
        for (H264Backend b : ORDER) {
            String note = tryBackend(b);
            notes.put(b.codecName(), note);
            if (note.equals("ok") && chosen == null) {
                chosen = b;
            }
        }
        return new Probe(chosen, notes);
    }

    /** "ok", or why {@code b} cannot be used here. */
    static String tryBackend(H264Backend b) {
        String missing = b.missingDevice();
        if (missing != null) {
            return missing;
        }
        int w = 256;
        int h = 144;
        try (H264Encoder e = H264Encoder.open(b, w, h, H264Settings.defaults())) {
            e.encode(new int[w * h], 0, w, true);
            return "ok";
        } catch (VideoEncoderException | RuntimeException ex) {
            return ex.getMessage();
        }
    }
}
