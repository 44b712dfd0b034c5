package org.vfiovnc.encoding.h264;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** The subset of libavutil (FFmpeg 5.1, libavutil.so.57) the H.264 encoder calls. */
interface LibAvUtil extends Library {
    int avutil_version();

    Pointer av_frame_alloc();

    void av_frame_free(PointerByReference frame);

    int av_frame_get_buffer(Pointer frame, int align);

    int av_frame_make_writable(Pointer frame);

    int av_opt_set(Pointer obj, String name, String value, int searchFlags);

    int av_opt_set_int(Pointer obj, String name, long value, int searchFlags);

    int av_opt_set_image_size(Pointer obj, String name, int width, int height, int searchFlags);

    int av_opt_set_pixel_fmt(Pointer obj, String name, int format, int searchFlags);

    int av_strerror(int errnum, byte[] buf, NativeLong size);

    void av_log_set_level(int level);
}
