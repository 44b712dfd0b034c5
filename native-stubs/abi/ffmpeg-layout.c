/* Prints the parts of the FFmpeg ABI that org.vfiovnc.encoding.h264 reads or writes directly, as the
 * libavcodec/libavutil headers it is compiled against define them: "key value" lines (offsetof of the
 * struct heads Java maps, enum and flag values, library major versions) that FfmpegLayoutTest compares
 * with the Java side. Everything else the Java side sets goes through the AVOptions API by name. */
#include <stddef.h>
#include <stdio.h>
#include <libavcodec/avcodec.h>
#include <libavutil/frame.h>
#include <libavutil/opt.h>
#include <libavutil/pixfmt.h>

#define OFF(s, f) printf("offsetof.%s.%s %zu\n", #s, #f, offsetof(s, f))
#define NUM(n) printf("const.%s %ld\n", #n, (long)(n))
#define NAMED(name, n) printf("const.%s %ld\n", name, (long)(n))

int main(void) {
    OFF(AVFrame, data);
    OFF(AVFrame, linesize);
    OFF(AVFrame, width);
    OFF(AVFrame, height);
    OFF(AVFrame, format);
    OFF(AVFrame, key_frame);
    OFF(AVFrame, pict_type);
    OFF(AVFrame, pts);
    OFF(AVPacket, buf);
    OFF(AVPacket, pts);
    OFF(AVPacket, dts);
    OFF(AVPacket, data);
    OFF(AVPacket, size);
    OFF(AVPacket, stream_index);
    OFF(AVPacket, flags);
    OFF(AVCodecContext, av_class);
    OFF(AVCodecContext, priv_data);
    OFF(AVCodecContext, bit_rate);
    OFF(AVCodecContext, flags);
    OFF(AVCodecContext, extradata);
    OFF(AVCodecContext, extradata_size);
    OFF(AVCodecContext, time_base);
    NUM(AV_NUM_DATA_POINTERS);
    NUM(AV_PIX_FMT_YUV420P);
    NUM(AV_PIX_FMT_NV12);
    NUM(AV_PICTURE_TYPE_NONE);
    NUM(AV_PICTURE_TYPE_I);
    NUM(AV_PKT_FLAG_KEY);
    NUM(AV_OPT_SEARCH_CHILDREN);
    NUM(AV_LOG_ERROR);
    NAMED("AVERROR_EAGAIN", AVERROR(EAGAIN));
    NUM(AVERROR_EOF);
    NUM(LIBAVCODEC_VERSION_MAJOR);
    NUM(LIBAVUTIL_VERSION_MAJOR);
    return 0;
}
