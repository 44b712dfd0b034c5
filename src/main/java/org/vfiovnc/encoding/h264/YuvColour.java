package org.vfiovnc.encoding.h264;

/**
 * How a picture's RGB became Y'CbCr: the matrix and the range. The stream signals both (VUI), so that every
 * decoder converts back the way the encoder converted.
 */
public enum YuvColour {
    /** {@link Bt709Yuv420}'s: BT.709, limited range (16-235 luma). */
    BT709_LIMITED(0.2126, 0.0722, false, "bt709", "tv"),
    /**
     * libjpeg-turbo's, JPEG's own: BT.601, full range (0-255). Viewers that ignore the matrix in the VUI
     * assume BT.601 (TigerVNC's converts every stream with FFmpeg's default, BT.601).
     */
    BT601_FULL(0.299, 0.114, true, "smpte170m", "pc");

    private final double kr;
    private final double kb;
    private final boolean fullRange;
    private final String ffmpegColorspace;
    private final String ffmpegRange;

    YuvColour(double kr, double kb, boolean fullRange, String ffmpegColorspace, String ffmpegRange) {
        this.kr = kr;
        this.kb = kb;
        this.fullRange = fullRange;
        this.ffmpegColorspace = ffmpegColorspace;
        this.ffmpegRange = ffmpegRange;
    }

    /** The red weight of luma. */
    public double kr() {
        return kr;
    }

    /** The blue weight of luma. */
    public double kb() {
        return kb;
    }

    /** Luma and chroma use all 256 codes (else 16-235 and 16-240). */
    public boolean fullRange() {
        return fullRange;
    }

    /** libavcodec's name of the matrix (the {@code colorspace} option, ffprobe's {@code color_space}). */
    public String ffmpegColorspace() {
        return ffmpegColorspace;
    }

    /**
     * What to add to a CRF so that a quality level quantises the picture as coarsely in this range as in
     * the limited one: full range spreads the same picture over 255/219 times the codes, and each 6 of
     * CRF double the quantiser's step, so 6 log2(255/219), about 1.3 (without it full range spent 6 to
     * 12 % more bytes for the same level, H264EncoderTest).
     */
    public double crfOffset() {
        return fullRange ? 6 * Math.log(255.0 / 219.0) / Math.log(2) : 0;
    }

    /** libavcodec's name of the range ({@code color_range}). */
    public String ffmpegRange() {
        return ffmpegRange;
    }
}
