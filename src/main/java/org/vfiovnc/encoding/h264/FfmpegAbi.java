package org.vfiovnc.encoding.h264;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * The heads of the FFmpeg 5.1 structs that have no AVOption for what we need (frame planes and
 * timestamps, packet bytes, the encoder's time base), as JNA Structures used only to compute field
 * offsets; FfmpegLayoutTest checks them against the C headers (native-stubs/abi). Fields past
 * the last one mapped are never touched, so later growth of the structs does not matter.
 */
final class FfmpegAbi {
    static final int AV_PIX_FMT_YUV420P = 0;
    static final int AV_PIX_FMT_NV12 = 23;
    static final int AV_PICTURE_TYPE_NONE = 0;
    static final int AV_PICTURE_TYPE_I = 1;
    static final int AV_PKT_FLAG_KEY = 1;
    static final int AV_OPT_SEARCH_CHILDREN = 1;
    static final int AVERROR_EAGAIN = -11;
    static final int AVERROR_EOF = -541478725;

    static final int FRAME_DATA = new FrameHead().offsetOf("data");
    static final int FRAME_LINESIZE = new FrameHead().offsetOf("linesize");
    static final int FRAME_WIDTH = new FrameHead().offsetOf("width");
    static final int FRAME_HEIGHT = new FrameHead().offsetOf("height");
    static final int FRAME_FORMAT = new FrameHead().offsetOf("format");
    static final int FRAME_PICT_TYPE = new FrameHead().offsetOf("pict_type");
    static final int FRAME_PTS = new FrameHead().offsetOf("pts");
    static final int PACKET_DATA = new PacketHead().offsetOf("data");
    static final int PACKET_SIZE = new PacketHead().offsetOf("size");
    static final int PACKET_FLAGS = new PacketHead().offsetOf("flags");
    static final int CONTEXT_TIME_BASE = new CodecContextHead().offsetOf("time_base_num");

    private FfmpegAbi() {}

    public abstract static class Head extends Structure {
        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** AVFrame up to pts (libavutil/frame.h). */
    @FieldOrder({"data", "linesize", "extended_data", "width", "height", "nb_samples", "format", "key_frame",
        "pict_type", "sample_aspect_ratio_num", "sample_aspect_ratio_den", "pts"})
    public static final class FrameHead extends Head {
        public Pointer[] data = new Pointer[8];
        public int[] linesize = new int[8];
        public Pointer extended_data;
        public int width;
        public int height;
        public int nb_samples;
        public int format;
        public int key_frame;
        public int pict_type;
        public int sample_aspect_ratio_num;
        public int sample_aspect_ratio_den;
        public long pts;
    }

    /** AVPacket up to flags (libavcodec/packet.h). */
    @FieldOrder({"buf", "pts", "dts", "data", "size", "stream_index", "flags"})
    public static final class PacketHead extends Head {
        public Pointer buf;
        public long pts;
        public long dts;
        public Pointer data;
        public int size;
        public int stream_index;
        public int flags;
    }

    /** AVCodecContext up to time_base (libavcodec/avcodec.h). */
    @FieldOrder({"av_class", "log_level_offset", "codec_type", "codec", "codec_id", "codec_tag", "priv_data",
        "internal", "opaque", "bit_rate", "bit_rate_tolerance", "global_quality", "compression_level", "flags",
        "flags2", "extradata", "extradata_size", "time_base_num", "time_base_den"})
    public static final class CodecContextHead extends Head {
        public Pointer av_class;
        public int log_level_offset;
        public int codec_type;
        public Pointer codec;
        public int codec_id;
        public int codec_tag;
        public Pointer priv_data;
        public Pointer internal;
        public Pointer opaque;
        public long bit_rate;
        public int bit_rate_tolerance;
        public int global_quality;
        public int compression_level;
        public int flags;
        public int flags2;
        public Pointer extradata;
        public int extradata_size;
        public int time_base_num;
        public int time_base_den;
    }
}
