package org.vfiovnc.encoding.h264;

import com.sun.jna.Pointer;
import org.vfiovnc.surface.Rect;

/** Turns canonical pixels into an FFmpeg frame's 4:2:0 planes, keeping what did not change. */
interface FrameFiller extends AutoCloseable {
    /**
     * Fills the planes (FFmpeg's {@code data} pointers and {@code linesize}s) from a picture of 0x00RRGGBB
     * pixels, {@code offset} and {@code stride} into {@code pixels}, converting only {@code changed}
     * (picture coordinates) when it is not null: the caller guarantees the rest equals the last picture,
     * and the planes still hold what the last call wrote (av_frame_make_writable copies when it must).
     */
    void fill(int[] pixels, int offset, int stride, Rect changed, Pointer[] planes, int[] lines);

    /** The matrix and range the planes carry. */
    YuvColour colour();

    @Override
    void close();
}
