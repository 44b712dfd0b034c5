package org.vfiovnc.rfb.video;

import java.util.Objects;

/**
 * How a server sends video to the viewers that take it.
 *
 * @param mode           when video is used
 * @param bitrateCapKbps the most an encoder may send per second, 0 for no cap (the quality level decides)
 * @param opener         opens an encoder for an area (tests put a failing or counting one here)
 */
public record VideoOptions(VideoMode mode, int bitrateCapKbps, FrameEncoder.Opener opener) {
    public VideoOptions {
        Objects.requireNonNull(mode);
        Objects.requireNonNull(opener);
        if (bitrateCapKbps < 0) {
            throw new IllegalArgumentException("bitrate cap " + bitrateCapKbps + " kbit/s");
        }
    }

    /** Auto, no cap, the encoder the host's probe chose. */
    public static VideoOptions defaults() {
        return new VideoOptions(VideoMode.AUTO, 0, FrameEncoder.SYSTEM);
    }

    public VideoOptions withMode(VideoMode m) {
        return new VideoOptions(m, bitrateCapKbps, opener);
    }

    public VideoOptions withBitrateCap(int kbps) {
        return new VideoOptions(mode, kbps, opener);
    }

    public VideoOptions withOpener(FrameEncoder.Opener o) {
        return new VideoOptions(mode, bitrateCapKbps, o);
    }
}
