package org.vfiovnc.encoding.jpeg;

/**
 * Compresses canonical pixels (int 0x00RRGGBB, row-major) to a baseline JPEG. An instance belongs to
 * one thread (a client's sender); {@link #close()} frees native state.
 */
public interface JpegCompressor extends AutoCloseable {

    /**
     * @param quality   1..100
     * @param subsample true for 4:2:0 chroma, false for 4:4:4
     */
    byte[] compress(int[] rgb, int offset, int stride, int width, int height, int quality, boolean subsample);

    /** Which implementation this is, for logs and the benchmark. */
    String name();

    @Override
    void close();
}
