package org.vfiovnc.rfb.video;

import org.vfiovnc.encoding.h264.H264Encoder;
import org.vfiovnc.encoding.h264.H264Settings;
import org.vfiovnc.encoding.h264.VideoEncoderException;
import org.vfiovnc.encoding.h264.VideoEncoders;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * One video context's encoder as a {@link VideoGroup} drives it: a fixed area, a picture in, one
 * Annex-B access unit out. {@link #SYSTEM} is the H.264 encoder the host's probe chose; tests open
 * others (failing, counting).
 */
public interface FrameEncoder extends AutoCloseable {

    /**
     * Encodes the area at {@code x, y} of {@code fb} (the encoder's size), converting only
     * {@code changed} (relative to the area; null for all); {@code idr} forces a picture a decoder can
     * start at, with the parameter sets.
     */
    byte[] encode(Framebuffer fb, int x, int y, Rect changed, boolean idr) throws VideoEncoderException;

    @Override
    void close();

    /** Opens encoders; one per server. */
    interface Opener {
        FrameEncoder open(int width, int height, H264Settings settings) throws VideoEncoderException;

        /** Why no encoder can be opened on this host, or null when one can. */
        default String unavailable() {
            return null;
        }

        /** Which encoder runs, for the log. */
        default String describe() {
            return getClass().getSimpleName();
        }
    }

    /** The encoder {@link VideoEncoders#probe()} chose (libx264 unless a hardware one works). */
    Opener SYSTEM = new Opener() {
        @Override
        public FrameEncoder open(int width, int height, H264Settings settings) throws VideoEncoderException {
            H264Encoder e = H264Encoder.open(width, height, settings);
            return new FrameEncoder() {
                @Override
                public byte[] encode(Framebuffer fb, int x, int y, Rect changed, boolean idr)
                        throws VideoEncoderException {
                    return e.encode(fb, x, y, changed, idr);
                }

                @Override
                public void close() {
                    e.close();
                }
            };
        }

        @Override
        public String unavailable() {
            VideoEncoders.Probe p = VideoEncoders.probe();
            return p.chosen() == null ? p.summary() : null;
        }

        @Override
        public String describe() {
            VideoEncoders.Probe p = VideoEncoders.probe();
            return p.chosen() == null ? "none" : p.chosen().codecName() + " (" + p.chosen().description() + ")";
        }
    };
}
