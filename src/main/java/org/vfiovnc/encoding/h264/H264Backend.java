package org.vfiovnc.encoding.h264;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The H.264 encoders of libavcodec this server can drive, each with the device it needs and the options
 * that make it a zero-latency, one-slice, Constrained Baseline encoder at a quality level. All take
 * frames from system memory; h264_vaapi wants VAAPI surfaces instead, so it is only probed.
 */
public enum H264Backend {
    LIBX264("libx264", "software", FfmpegAbi.AV_PIX_FMT_YUV420P) {
        @Override
        void configure(ContextOptions o, H264Settings s, YuvColour colour) throws VideoEncoderException {
            o.set("preset", s.x264Preset());
            // zerolatency: no B-frames, no lookahead, no frame threads (each frame out as soon as in).
            o.set("tune", "zerolatency");
            o.set("profile", "baseline");
            // zerolatency also turns on sliced threads, one slice per thread; noVNC hands each slice to
            // its decoder as a frame of its own and shows only the last. One thread makes one slice.
            o.setInt("threads", 1);
            // deblock and aq-mode back on top of the preset: ultrafast leaves both out, and they are
            // what keeps a zoom's bytes at superfast's for the same PSNR, for a sixth of its time
            // (X264Tune). The slower presets have them on already. The system property adds options
            // for that benchmark's comparisons; it is not a user setting.
            String extra = System.getProperty("vfiovnc.x264.extra", "");
            o.set("x264-params", "sliced-threads=0:slices=1:deblock=1:aq-mode=1" + (extra.isEmpty() ? "" : ":" + extra));
            o.set("crf", String.format(java.util.Locale.ROOT, "%.2f", s.crf() + colour.crfOffset()));
            o.setInt("forced-idr", 1);
        }
    },
    NVENC("h264_nvenc", "NVIDIA NVENC", FfmpegAbi.AV_PIX_FMT_YUV420P) {
        @Override
        void configure(ContextOptions o, H264Settings s, YuvColour colour) throws VideoEncoderException {
            o.set("preset", "p1");
            o.set("tune", "ull");
            o.set("profile", "baseline");
            o.setInt("zerolatency", 1);
            o.setInt("delay", 0);
            o.set("rc", "vbr");
            o.setInt("cq", Math.round(s.crf() + colour.crfOffset()));
            o.setInt("forced-idr", 1);
        }
    },
    QSV("h264_qsv", "Intel Quick Sync", FfmpegAbi.AV_PIX_FMT_NV12) {
        @Override
        void configure(ContextOptions o, H264Settings s, YuvColour colour) throws VideoEncoderException {
            o.set("preset", "veryfast");
            o.set("profile", "baseline");
            o.setInt("async_depth", 1);
            o.setInt("global_quality", s.crf());
            o.setInt("forced_idr", 1);
        }
    },
    VAAPI("h264_vaapi", "VAAPI", -1) {
        @Override
        void configure(ContextOptions o, H264Settings s, YuvColour colour) throws VideoEncoderException {
            throw new VideoEncoderException("h264_vaapi: needs frames uploaded to VAAPI surfaces, not supported yet");
        }
    };

    private final String codecName;
    private final String description;
    private final int pixelFormat;

    H264Backend(String codecName, String description, int pixelFormat) {
        this.codecName = codecName;
        this.description = description;
        this.pixelFormat = pixelFormat;
    }

    /** The libavcodec encoder name, e.g. {@code libx264}. */
    public String codecName() {
        return codecName;
    }

    public String description() {
        return description;
    }

    /** AV_PIX_FMT_YUV420P or AV_PIX_FMT_NV12: what the encoder takes from system memory. */
    int pixelFormat() {
        return pixelFormat;
    }

    public boolean hardware() {
        return this != LIBX264;
    }

    /**
     * Sets the backend's own options (everything H264Encoder does not set for all backends); {@code colour}
     * is the pictures' conversion, whose range moves the quantiser a level stands for.
     */
    abstract void configure(ContextOptions o, H264Settings s, YuvColour colour) throws VideoEncoderException;

    /** Why the device this encoder needs is missing, or null when it is there (or none is needed). */
    String missingDevice() {
        switch (this) {
            case NVENC:
                return Files.exists(Path.of("/dev/nvidiactl")) ? null : "no /dev/nvidiactl";
            case QSV:
            case VAAPI:
                return renderNodePresent() ? null : "no /dev/dri/renderD*";
            default:
                return null;
        }
    }

    private static boolean renderNodePresent() {
        try (Stream<Path> nodes = Files.list(Path.of("/dev/dri"))) {
            return nodes.anyMatch(p -> p.getFileName().toString().startsWith("renderD"));
        } catch (IOException e) {
            return false;
        }
    }
}
