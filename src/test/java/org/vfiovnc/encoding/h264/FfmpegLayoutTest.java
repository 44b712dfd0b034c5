package org.vfiovnc.encoding.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.vfiovnc.testing.Tools;

/**
 * The struct offsets and numbers {@link FfmpegAbi} and {@link Ffmpeg} use equal what FFmpeg's headers say:
 * native-stubs/abi/ffmpeg-layout.c prints them compiled against libavcodec-dev/libavutil-dev.
 */
class FfmpegLayoutTest {

    static Map<String, Long> javaSide() {
        Map<String, Long> m = new TreeMap<>();
        FfmpegAbi.FrameHead f = new FfmpegAbi.FrameHead();
        for (String field : new String[] {"data", "linesize", "width", "height", "format", "key_frame", "pict_type", "pts"}) {
            m.put("offsetof.AVFrame." + field, (long) f.offsetOf(field));
        }
        FfmpegAbi.PacketHead p = new FfmpegAbi.PacketHead();
        for (String field : new String[] {"buf", "pts", "dts", "data", "size", "stream_index", "flags"}) {
            m.put("offsetof.AVPacket." + field, (long) p.offsetOf(field));
        }
        FfmpegAbi.CodecContextHead c = new FfmpegAbi.CodecContextHead();
        for (String field : new String[] {"av_class", "priv_data", "bit_rate", "flags", "extradata", "extradata_size"}) {
            m.put("offsetof.AVCodecContext." + field, (long) c.offsetOf(field));
        }
        m.put("offsetof.AVCodecContext.time_base", (long) c.offsetOf("time_base_num"));
        m.put("const.AV_NUM_DATA_POINTERS", (long) f.data.length);
        m.put("const.AV_PIX_FMT_YUV420P", (long) FfmpegAbi.AV_PIX_FMT_YUV420P);
        m.put("const.AV_PIX_FMT_NV12", (long) FfmpegAbi.AV_PIX_FMT_NV12);
        m.put("const.AV_PICTURE_TYPE_NONE", (long) FfmpegAbi.AV_PICTURE_TYPE_NONE);
        m.put("const.AV_PICTURE_TYPE_I", (long) FfmpegAbi.AV_PICTURE_TYPE_I);
        m.put("const.AV_PKT_FLAG_KEY", (long) FfmpegAbi.AV_PKT_FLAG_KEY);
        m.put("const.AV_OPT_SEARCH_CHILDREN", (long) FfmpegAbi.AV_OPT_SEARCH_CHILDREN);
        m.put("const.AV_LOG_ERROR", (long) Ffmpeg.AV_LOG_ERROR);
        m.put("const.AVERROR_EAGAIN", (long) FfmpegAbi.AVERROR_EAGAIN);
        m.put("const.AVERROR_EOF", (long) FfmpegAbi.AVERROR_EOF);
        m.put("const.LIBAVCODEC_VERSION_MAJOR", (long) Ffmpeg.AVCODEC_MAJOR);
        m.put("const.LIBAVUTIL_VERSION_MAJOR", (long) Ffmpeg.AVUTIL_MAJOR);
        return m;
    }

    @Test
    void javaLayoutMatchesTheFfmpegHeaders() throws Exception {
        Path bin = Tools.compileC("native-stubs/abi/ffmpeg-layout.c");
        Tools.Result r = Tools.run(30, bin.toString());
        assertEquals(0, r.exitCode(), r.output());
        Map<String, Long> c = new TreeMap<>();
        for (String line : r.output().split("\n")) {
            String[] kv = line.trim().split(" ");
            if (kv.length == 2) {
                c.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        assertTrue(c.size() >= 30, "too few values printed: " + r.output());
        assertEquals(c, javaSide(), "Java FFmpeg ABI differs from the C headers");
    }

    @Test
    void theInstalledLibrariesAreTheMappedVersion() {
        assertTrue(Ffmpeg.available(), String.valueOf(Ffmpeg.unavailableReason()));
    }
}
