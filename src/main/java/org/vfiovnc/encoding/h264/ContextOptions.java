package org.vfiovnc.encoding.h264;

import com.sun.jna.Pointer;

/**
 * Sets an AVCodecContext's fields and its encoder's private options by name (AVOptions API, searching
 * the private child object too), turning any refusal into an exception that names option and value.
 */
final class ContextOptions {
    private final Pointer context;
    private final String codec;

    ContextOptions(Pointer context, String codec) {
        this.context = context;
        this.codec = codec;
    }

    void set(String name, String value) throws VideoEncoderException {
        check(Ffmpeg.UTIL.av_opt_set(context, name, value, FfmpegAbi.AV_OPT_SEARCH_CHILDREN), name, value);
    }

    void setInt(String name, long value) throws VideoEncoderException {
        check(Ffmpeg.UTIL.av_opt_set_int(context, name, value, FfmpegAbi.AV_OPT_SEARCH_CHILDREN), name,
                Long.toString(value));
    }

    void setImageSize(int width, int height) throws VideoEncoderException {
        check(Ffmpeg.UTIL.av_opt_set_image_size(context, "video_size", width, height, 0), "video_size",
                width + "x" + height);
    }

    void setPixelFormat(int format) throws VideoEncoderException {
        check(Ffmpeg.UTIL.av_opt_set_pixel_fmt(context, "pixel_format", format, 0), "pixel_format",
                Integer.toString(format));
    }

    /** The time base has no AVOption in FFmpeg 5.1: written at its (header-checked) offset. */
    void setTimeBase(int num, int den) {
        context.setInt(FfmpegAbi.CONTEXT_TIME_BASE, num);
        context.setInt(FfmpegAbi.CONTEXT_TIME_BASE + 4, den);
    }

    private void check(int rc, String name, String value) throws VideoEncoderException {
        if (rc < 0) {
            throw new VideoEncoderException(codec + ": option " + name + "=" + value + " refused: "
                    + Ffmpeg.errorText(rc));
        }
    }
}
