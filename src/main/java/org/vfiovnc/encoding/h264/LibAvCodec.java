package org.vfiovnc.encoding.h264;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** The subset of libavcodec (FFmpeg 5.1, libavcodec.so.59) the H.264 encoder calls. */
interface LibAvCodec extends Library {
    int avcodec_version();

    Pointer avcodec_find_encoder_by_name(String name);

    Pointer avcodec_alloc_context3(Pointer codec);

    void avcodec_free_context(PointerByReference context);

    int avcodec_open2(Pointer context, Pointer codec, Pointer options);

    int avcodec_send_frame(Pointer context, Pointer frame);

    int avcodec_receive_packet(Pointer context, Pointer packet);

    Pointer av_packet_alloc();

    void av_packet_free(PointerByReference packet);

    void av_packet_unref(Pointer packet);
}
