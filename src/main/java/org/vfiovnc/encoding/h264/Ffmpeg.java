package org.vfiovnc.encoding.h264;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import org.vfiovnc.nativelib.NativeLibraries;

/**
 * Loads FFmpeg 5.1's libavutil and libavcodec (Debian 12: libavutil57, libavcodec59) once. Loading never
 * throws: a host without them, or with another major version (whose struct layout {@link FfmpegAbi} does
 * not know), gets {@link #available()} false and one sentence in {@link #unavailableReason()}.
 * The system properties {@code vfiovnc.libavutil} and {@code vfiovnc.libavcodec} name other files to load
 * (an FFmpeg 5.1 build outside the library path; tests use them to stage a host without FFmpeg).
 */
final class Ffmpeg {
    /** The majors whose struct heads {@link FfmpegAbi} maps (checked against the headers by a test). */
    static final int AVUTIL_MAJOR = 57;
    static final int AVCODEC_MAJOR = 59;
    static final int AV_LOG_ERROR = 16;

    static final LibAvUtil UTIL;
    static final LibAvCodec CODEC;
    private static final String REASON;

    static {
        LibAvUtil util = null;
        LibAvCodec codec = null;
        String reason = null;
        try {
            util = load(LibAvUtil.class, System.getProperty("vfiovnc.libavutil"), "libavutil.so." + AVUTIL_MAJOR,
                    "avutil");
            codec = load(LibAvCodec.class, System.getProperty("vfiovnc.libavcodec"),
                    "libavcodec.so." + AVCODEC_MAJOR, "avcodec");
            int utilMajor = util.avutil_version() >>> 16;
            int codecMajor = codec.avcodec_version() >>> 16;
            if (utilMajor != AVUTIL_MAJOR || codecMajor != AVCODEC_MAJOR) {
                reason = "libavutil " + utilMajor + " / libavcodec " + codecMajor + " found, but only FFmpeg 5.1's "
                        + AVUTIL_MAJOR + " / " + AVCODEC_MAJOR + " layout is known";
            } else {
                // libx264 and FFmpeg print their banners and statistics at info level on stderr.
                util.av_log_set_level(AV_LOG_ERROR);
            }
        } catch (LinkageError e) { // UnsatisfiedLinkError, or JNA's own classes failing to load
            reason = "cannot load libavcodec.so." + AVCODEC_MAJOR + " (Debian package libavcodec59): " + e.getMessage();
        }
        UTIL = reason == null ? util : null;
        CODEC = reason == null ? codec : null;
        REASON = reason;
    }

    private Ffmpeg() {}

    /** The file named by a property, else the ABI soname (present without -dev packages), else the short name. */
    private static <T extends Library> T load(Class<T> type, String override, String soname, String shortName) {
        return override != null ? Native.load(override, type) : NativeLibraries.load(type, soname, shortName);
    }

    static boolean available() {
        return REASON == null;
    }

    /** Why FFmpeg cannot be used, or null when it can. */
    static String unavailableReason() {
        return REASON;
    }

    /** FFmpeg's text for an AVERROR code, with the code. */
    static String errorText(int code) {
        byte[] buf = new byte[128];
        if (UTIL == null || UTIL.av_strerror(code, buf, new NativeLong(buf.length)) < 0) {
            return "error " + code;
        }
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8) + " (" + code + ")";
    }
}
