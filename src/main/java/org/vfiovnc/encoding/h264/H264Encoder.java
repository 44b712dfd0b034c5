package org.vfiovnc.encoding.h264;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.ByteArrayOutputStream;
import org.vfiovnc.encoding.jpeg.TurboJpegYuv;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * One H.264 encoding context: a fixed rectangle size, frames in, one Annex-B access unit out per frame
 * (no delay: what goes in comes out in the same call). Constrained Baseline, no B-frames, one slice per
 * picture, 4:2:0 ({@link #colour()}) with matrix, range, primaries and transfer signalled in the VUI.
 * The first picture, and any asked for with {@code idr}, is an IDR preceded by SPS and PPS, so a decoder
 * can start (or restart after an RFB context reset) there.
 *
 * <p>Odd sizes: 4:2:0 H.264 has only even picture sizes (SPS cropping counts in chroma samples, two
 * pixels), so a {@code w x h} rectangle is coded as {@link #codedWidth()} x {@link #codedHeight()}, the
 * even sizes above, the extra column/row repeating the last one. Decoders (FFmpeg, browsers' WebCodecs)
 * return that even picture; the viewer keeps its top-left {@code w x h}: noVNC draws exactly the
 * rectangle's width and height from the decoded frame's origin.
 *
 * <p>Not thread-safe: one session thread encodes. {@link #close()} frees the native state.
 */
public final class H264Encoder implements AutoCloseable {
    private final H264Backend backend;
    private final int width;
    private final int height;
    private final int codedWidth;
    private final int codedHeight;
    private Pointer context;
    private Pointer frame;
    private Pointer packet;
    private long pts;
    /** Converts into the frame's planes, only the changed area after the first picture. */
    private final FrameFiller filler;
    private final ByteArrayOutputStream units = new ByteArrayOutputStream();

    private H264Encoder(H264Backend backend, int width, int height, FrameFiller filler) {
        this.backend = backend;
        this.width = width;
        this.height = height;
        this.codedWidth = width + 1 & ~1;
        this.codedHeight = height + 1 & ~1;
        this.filler = filler;
    }

    /**
     * The conversion {@code backend}'s encoders use: libjpeg-turbo's (BT.601, full range) where the encoder
     * takes I420 and the library is there, else the Java one (BT.709, limited). The system property picks
     * the Java one for the benchmark's comparison; it is not a user setting.
     */
    public static YuvColour colourFor(H264Backend backend) {
        boolean turbo = backend.pixelFormat() == FfmpegAbi.AV_PIX_FMT_YUV420P && TurboJpegYuv.available()
                && !"java".equals(System.getProperty("vfiovnc.yuv"));
        return turbo ? YuvColour.BT601_FULL : YuvColour.BT709_LIMITED;
    }

    private static FrameFiller filler(H264Backend backend, int width, int height, YuvColour colour)
            throws VideoEncoderException {
        boolean i420 = backend.pixelFormat() == FfmpegAbi.AV_PIX_FMT_YUV420P;
        if (colour == YuvColour.BT709_LIMITED) {
            return new JavaFrameFiller(width, height, !i420);
        }
        TurboFrameFiller turbo = i420 ? TurboFrameFiller.create(width, height) : null;
        if (turbo == null) {
            throw new VideoEncoderException(backend.codecName() + ": no " + colour + " conversion"
                    + (i420 ? " (libturbojpeg is missing)" : " for NV12"));
        }
        return turbo;
    }

    /** Opens the encoder {@link VideoEncoders#probe()} chose for this host. */
    public static H264Encoder open(int width, int height, H264Settings settings) throws VideoEncoderException {
        H264Backend chosen = VideoEncoders.probe().chosen();
        if (chosen == null) {
            throw new VideoEncoderException("no H.264 encoder: " + VideoEncoders.probe().summary());
        }
        return open(chosen, width, height, settings);
    }

    /** Opens {@code backend} for {@code width x height} frames, or says why it cannot. */
    public static H264Encoder open(H264Backend backend, int width, int height, H264Settings settings)
            throws VideoEncoderException {
        return open(backend.codecName(), backend, width, height, settings);
    }

    /** As {@link #open(H264Backend, int, int, H264Settings)} with libavcodec's encoder looked up by name. */
    static H264Encoder open(String codecName, H264Backend backend, int width, int height, H264Settings settings)
            throws VideoEncoderException {
        return open(codecName, backend, width, height, settings, colourFor(backend));
    }

    /** As {@link #open(H264Backend, int, int, H264Settings)} with the conversion to {@code colour} (tests compare both). */
    static H264Encoder open(H264Backend backend, int width, int height, H264Settings settings, YuvColour colour)
            throws VideoEncoderException {
        return open(backend.codecName(), backend, width, height, settings, colour);
    }

    private static H264Encoder open(String codecName, H264Backend backend, int width, int height,
                                    H264Settings settings, YuvColour colour) throws VideoEncoderException {
        if (!Ffmpeg.available()) {
            throw new VideoEncoderException("H.264 unavailable: " + Ffmpeg.unavailableReason());
        }
        if (width <= 0 || height <= 0) {
            throw new VideoEncoderException(codecName + ": cannot encode a " + width + "x" + height + " picture");
        }
        Pointer codec = Ffmpeg.CODEC.avcodec_find_encoder_by_name(codecName);
        if (codec == null) {
            throw new VideoEncoderException("no encoder named " + codecName + " in this libavcodec");
        }
        H264Encoder e = new H264Encoder(backend, width, height, filler(backend, width, height, colour));
        try {
            e.start(codec, codecName, settings);
            return e;
        } catch (VideoEncoderException | RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    private void start(Pointer codec, String codecName, H264Settings s) throws VideoEncoderException {
        context = Ffmpeg.CODEC.avcodec_alloc_context3(codec);
        if (context == null) {
            throw new VideoEncoderException(codecName + ": out of memory allocating the context");
        }
        ContextOptions o = new ContextOptions(context, codecName);
        o.setImageSize(codedWidth, codedHeight);
        o.setPixelFormat(backend.pixelFormat());
        o.setTimeBase(1, s.frameRate());
        o.setInt("g", s.keyframeInterval());
        o.setInt("bf", 0);
        // Primaries and transfer are the screen's (sRGB's are BT.709's); matrix and range the conversion's.
        o.set("colorspace", filler.colour().ffmpegColorspace());
        o.set("color_primaries", "bt709");
        o.set("color_trc", "bt709");
        o.set("color_range", filler.colour().ffmpegRange());
        if (s.bitrateCapKbps() > 0) {
            o.setInt("maxrate", s.bitrateCapKbps() * 1000L);
            o.setInt("bufsize", s.bitrateCapKbps() * 1000L);
        }
        backend.configure(o, s, filler.colour());
        int rc = Ffmpeg.CODEC.avcodec_open2(context, codec, null);
        if (rc < 0) {
            throw new VideoEncoderException(codecName + ": cannot open a " + width + "x" + height + " encoder: "
                    + Ffmpeg.errorText(rc));
        }
        frame = Ffmpeg.UTIL.av_frame_alloc();
        packet = Ffmpeg.CODEC.av_packet_alloc();
        if (frame == null || packet == null) {
            throw new VideoEncoderException(codecName + ": out of memory allocating frame or packet");
        }
        frame.setInt(FfmpegAbi.FRAME_WIDTH, codedWidth);
        frame.setInt(FfmpegAbi.FRAME_HEIGHT, codedHeight);
        frame.setInt(FfmpegAbi.FRAME_FORMAT, backend.pixelFormat());
        check(Ffmpeg.UTIL.av_frame_get_buffer(frame, 0), "allocating the picture");
    }

    public H264Backend backend() {
        return backend;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The even width the stream carries (width, or width + 1 when odd). */
    public int codedWidth() {
        return codedWidth;
    }

    /** The even height the stream carries. */
    public int codedHeight() {
        return codedHeight;
    }

    /** Encodes the rectangle of {@code fb} at {@code x, y} (this encoder's size). */
    public byte[] encode(Framebuffer fb, int x, int y, boolean idr) throws VideoEncoderException {
        return encode(fb, x, y, null, idr);
    }

    /**
     * As {@link #encode(Framebuffer, int, int, boolean)}, converting only {@code changed} (relative to this
     * encoder's rectangle; null for all): the caller guarantees the rest equals the previous frame.
     */
    public byte[] encode(Framebuffer fb, int x, int y, Rect changed, boolean idr) throws VideoEncoderException {
        Rect r = new Rect(x, y, width, height);
        if (!fb.bounds().contains(r)) {
            throw new IllegalArgumentException(r + " is outside the " + fb.width() + "x" + fb.height() + " framebuffer");
        }
        return encode(fb.pixels(), y * fb.width() + x, fb.width(), changed, idr);
    }

    /**
     * Encodes one picture of canonical 0x00RRGGBB pixels ({@code width x height} from {@code offset},
     * rows {@code stride} apart) and returns its Annex-B NAL units. {@code idr} forces an IDR picture
     * with SPS/PPS (for a viewer whose decoder was reset); the first picture always is one.
     */
    public byte[] encode(int[] pixels, int offset, int stride, boolean idr) throws VideoEncoderException {
        return encode(pixels, offset, stride, null, idr);
    }

    /** As {@link #encode(int[], int, int, boolean)}, converting only {@code changed} (null for all). */
    public byte[] encode(int[] pixels, int offset, int stride, Rect changed, boolean idr) throws VideoEncoderException {
        if (context == null) {
            throw new IllegalStateException("encoder closed");
        }
        check(Ffmpeg.UTIL.av_frame_make_writable(frame), "making the picture writable");
        fillPicture(pixels, offset, stride, changed);
        frame.setInt(FfmpegAbi.FRAME_PICT_TYPE, idr ? FfmpegAbi.AV_PICTURE_TYPE_I : FfmpegAbi.AV_PICTURE_TYPE_NONE);
        frame.setLong(FfmpegAbi.FRAME_PTS, pts++);
        check(Ffmpeg.CODEC.avcodec_send_frame(context, frame), "sending a picture");
        units.reset();
        while (true) {
            int rc = Ffmpeg.CODEC.avcodec_receive_packet(context, packet);
            if (rc == FfmpegAbi.AVERROR_EAGAIN || rc == FfmpegAbi.AVERROR_EOF) {
                break;
            }
            check(rc, "receiving a packet");
            int size = packet.getInt(FfmpegAbi.PACKET_SIZE);
            units.writeBytes(packet.getPointer(FfmpegAbi.PACKET_DATA).getByteArray(0, size));
            Ffmpeg.CODEC.av_packet_unref(packet);
        }
        if (units.size() == 0) {
            throw new VideoEncoderException(backend.codecName() + " held a picture back (it must not delay)");
        }
        return units.toByteArray();
    }

    private void fillPicture(int[] pixels, int offset, int stride, Rect changed) {
        Pointer[] data = frame.getPointerArray(FfmpegAbi.FRAME_DATA, 3);
        int[] lines = frame.getIntArray(FfmpegAbi.FRAME_LINESIZE, 3);
        filler.fill(pixels, offset, stride, changed, data, lines);
    }

    /** The matrix and range of the pictures (and of the stream's VUI). */
    public YuvColour colour() {
        return filler.colour();
    }

    private void check(int rc, String what) throws VideoEncoderException {
        if (rc < 0) {
            throw new VideoEncoderException(backend.codecName() + ": " + what + " failed: " + Ffmpeg.errorText(rc));
        }
    }

    @Override
    public void close() {
        filler.close();
        if (frame != null) {
            Ffmpeg.UTIL.av_frame_free(new PointerByReference(frame));
            frame = null;
        }
        if (packet != null) {
            Ffmpeg.CODEC.av_packet_free(new PointerByReference(packet));
            packet = null;
        }
        if (context != null) {
            Ffmpeg.CODEC.avcodec_free_context(new PointerByReference(context));
            context = null;
        }
    }
}
