package org.vfiovnc.source.replay;

/**
 * The {@code .fbrec.zst} recording format: one zstd stream whose content is, big-endian,
 *
 * <pre>
 * header   8 bytes magic "VVNCREC1", u16 version (1), u16 width, u16 height
 * records  one byte tag each:
 *   'F'    a frame: u64 microseconds since the first frame, u16 rect count, then per rect
 *          u16 x, y, w, h followed by w*h pixels as 3 bytes R, G, B (row-major)
 *   'G'    a new geometry: u16 width, u16 height (the screen is black until the next frame)
 *   'E'    end: u32 number of frames written; a file without it was cut short
 * </pre>
 *
 * Frames hold only the rectangles the differ found changed, so a still desktop costs nothing; the
 * first frame after a header or 'G' covers the whole screen. Pixels are canonical (layout-free),
 * so a replay always shows as XR24 whatever the recorded source used.
 */
public final class RecordingFormat {
    static final byte[] MAGIC = {'V', 'V', 'N', 'C', 'R', 'E', 'C', '1'};
    static final int VERSION = 1;
    static final int TAG_FRAME = 'F';
    static final int TAG_GEOMETRY = 'G';
    static final int TAG_END = 'E';
    static final int MAX_SIDE = 16384;

    private RecordingFormat() {}
}
