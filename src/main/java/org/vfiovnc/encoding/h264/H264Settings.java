package org.vfiovnc.encoding.h264;

/**
 * How a viewer's video is encoded.
 *
 * @param qualityLevel RFB quality level 0 (smallest) .. 9 (best), mapped by {@link #crf(int)}
 * @param bitrateCapKbps 0 for none, else the VBV max rate (one second of buffer) on top of the CRF
 * @param frameRate the rate the encoder assumes for rate control (VNC updates come irregularly)
 * @param keyframeInterval frames between IDR pictures even when nobody asks for one (bounds how long a
 *     lost or corrupt frame stays visible)
 * @param x264Preset the libx264 speed preset (ultrafast .. placebo)
 */
public record H264Settings(int qualityLevel, int bitrateCapKbps, int frameRate, int keyframeInterval,
                           String x264Preset) {
    /** noVNC's default quality level, and the level used when a viewer names none. */
    public static final int DEFAULT_QUALITY = 6;

    /**
     * CRF (libx264) or CQ (nvenc) per quality level: 0..9 -> 40 36 33 30 27 25 23 20 15 4. Level 6 is
     * x264's own default, CRF 23; each step of 6 in CRF roughly halves the bitrate. Level 9 is near
     * lossless: every frame within 1 dB PSNR of what 4:2:0 chroma itself allows, on text and on smooth
     * pictures (H264EncoderTest measures it); a bitrate cap keeps it affordable.
     */
    private static final int[] CRF = {40, 36, 33, 30, 27, 25, 23, 20, 15, 4};

    public H264Settings {
        if (qualityLevel < 0 || qualityLevel > 9) {
            throw new IllegalArgumentException("quality level " + qualityLevel + " not in 0..9");
        }
        if (bitrateCapKbps < 0 || frameRate <= 0 || keyframeInterval <= 0) {
            throw new IllegalArgumentException("bitrate cap " + bitrateCapKbps + ", frame rate " + frameRate
                    + ", keyframe interval " + keyframeInterval);
        }
    }

    /**
     * Quality 6, no cap, 30 frames/s, an IDR at least every 10 s, preset ultrafast (with deblocking and
     * adaptive quantisation put back: see {@link H264Backend}; X264Tune and VideoBench measure it).
     */
    public static H264Settings defaults() {
        return new H264Settings(DEFAULT_QUALITY, 0, 30, 300, "ultrafast");
    }

    public H264Settings withQuality(int level) {
        return new H264Settings(level, bitrateCapKbps, frameRate, keyframeInterval, x264Preset);
    }

    public H264Settings withBitrateCap(int kbps) {
        return new H264Settings(qualityLevel, kbps, frameRate, keyframeInterval, x264Preset);
    }

    public H264Settings withPreset(String preset) {
        return new H264Settings(qualityLevel, bitrateCapKbps, frameRate, keyframeInterval, preset);
    }

    /** The constant-rate factor for an RFB quality level 0..9. */
    public static int crf(int qualityLevel) {
        return CRF[qualityLevel];
    }

    public int crf() {
        return CRF[qualityLevel];
    }
}
