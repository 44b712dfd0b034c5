package org.vfiovnc.rfb.video;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.vfiovnc.encoding.h264.H264Settings;
import org.vfiovnc.encoding.h264.VideoEncoderException;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * An encoder that records its calls and returns tiny Annex-B units (an IDR with SPS and PPS, or a P
 * slice) carrying a frame number, so tests can follow which frame went where without libavcodec.
 */
final class FakeEncoder implements FrameEncoder {
    /** What one encode was asked for. */
    record Call(int x, int y, Rect changed, boolean idr) {}

    final int width;
    final int height;
    final H264Settings settings;
    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    volatile boolean closed;
    volatile String failWith;
    private int frame;

    FakeEncoder(int width, int height, H264Settings settings) {
        this.width = width;
        this.height = height;
        this.settings = settings;
    }

    /** An opener whose encoders land in {@code opened}. */
    static Opener opener(List<FakeEncoder> opened) {
        return (w, h, s) -> {
            FakeEncoder e = new FakeEncoder(w, h, s);
            opened.add(e);
            return e;
        };
    }

    static Opener opener() {
        return opener(Collections.synchronizedList(new ArrayList<>()));
    }

    /** An opener that refuses every size. */
    static Opener failing(AtomicInteger attempts) {
        return (w, h, s) -> {
            attempts.incrementAndGet();
            throw new VideoEncoderException("fake: no encoder for " + w + "x" + h);
        };
    }

    @Override
    public byte[] encode(Framebuffer fb, int x, int y, Rect changed, boolean idr) throws VideoEncoderException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (failWith != null) {
            throw new VideoEncoderException(failWith);
        }
        calls.add(new Call(x, y, changed, idr));
        boolean key = idr || frame == 0;
        int n = frame++;
        if (key) {
            return new byte[] {0, 0, 0, 1, 0x67, 0x42, 0, 0, 0, 1, 0x68, 1, 0, 0, 1, 0x65, (byte) n};
        }
        return new byte[] {0, 0, 0, 1, 0x41, (byte) n};
    }

    /** The frame number a unit from this encoder carries. */
    static int frameOf(byte[] unit) {
        return unit[unit.length - 1] & 0xff;
    }

    static boolean isIdr(byte[] unit) {
        return AnnexBUnits.isIdr(unit);
    }

    @Override
    public void close() {
        closed = true;
    }
}
