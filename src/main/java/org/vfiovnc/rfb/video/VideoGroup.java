package org.vfiovnc.rfb.video;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.vfiovnc.encoding.h264.H264Settings;
import org.vfiovnc.encoding.h264.VideoEncoderException;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * One encoder for the viewers that take the same area at the same settings: encode once, copy the
 * bytes to each. A frame is encoded when a member asks and the area changed since the last one (at
 * most once per change, however many members ask); the recent frames stay in a ring, so a member
 * that missed some (it took no update meanwhile) gets all it missed, in order, in one rectangle.
 *
 * <p>A member that joins (or fell out of the ring) needs a picture its decoder can start at. It gets
 * the frames from the group's latest IDR when that is recent (little to replay), else the group's
 * next frame is an IDR: one IDR for everyone rather than an encoder per joiner. The first joiner of
 * many coming together forces it; the others replay it.
 *
 * <p>The area's damage arrives from the refresh loop ({@link #changed}), before any session hears of
 * it, so a frame converts every pixel a member's damage names (only those: {@link FrameEncoder#encode}
 * keeps the rest from the previous frame).
 */
final class VideoGroup {
    private static final Logger LOG = Logger.getLogger(VideoGroup.class.getName());
    /** The ring: at most this many frames and bytes (about two seconds of video). */
    static final int MAX_FRAMES = 64;
    static final long MAX_BYTES = 8L << 20;
    /** A joiner replays from the latest IDR when that is at most this much; else a new IDR is cheaper. */
    static final int REPLAY_FRAMES = 30;
    static final long REPLAY_BYTES = 1L << 20;

    /** Who shares a group: same area, same quality; {@code owner} non-null for a viewer's own. */
    record Key(Rect rect, int quality, Object owner) {}

    record Frame(long seq, byte[] data, boolean idr) {}

    enum Status { FRAMES, FAILED, ENDED }

    /**
     * What a member takes: the frames to send in order (empty when it has the latest), whether its
     * decoder context must restart ({@code fresh}: they begin with an IDR), and the time spent
     * encoding for it (0 when it only copied).
     */
    record Take(Status status, List<Frame> frames, boolean fresh, long encodeNanos) {
        static final Take FAILED = new Take(Status.FAILED, List.of(), false, 0);
        static final Take ENDED = new Take(Status.ENDED, List.of(), false, 0);

        long newest() {
            return frames.isEmpty() ? -1 : frames.get(frames.size() - 1).seq();
        }
    }

    final Key key;
    private final H264Settings settings;
    private final FrameEncoder.Opener opener;
    private final VideoCounters counters;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private FrameEncoder encoder;
    private String failure;
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private long ringBytes;
    private long nextSeq = 1;
    private long lastIdr;
    // Guarded by itself: the area's damage not yet in a frame, in area coordinates.
    private final Object changes = new Object();
    private Rect pending = new Rect(0, 0, 0, 0);
    private volatile boolean retired;
    private volatile long lastUsed = System.nanoTime();

    VideoGroup(Key key, H264Settings settings, FrameEncoder.Opener opener, VideoCounters counters) {
        this.key = key;
        this.settings = settings;
        this.opener = opener;
        this.counters = counters;
    }

    /** Damage of the screen (the refresh loop's thread): the part inside the area is due in the next frame. */
    void changed(Rect r) {
        Rect a = key.rect();
        Rect inside = r.intersect(a);
        if (!inside.isEmpty()) {
            Rect rel = new Rect(inside.x() - a.x(), inside.y() - a.y(), inside.width(), inside.height());
            synchronized (changes) {
                pending = pending.union(rel);
            }
        }
    }

    /**
     * What a member that has the frames up to {@code have} (0: none, it joins) is owed now; encodes a
     * frame from {@code fb} when the area changed since the last one or the member needs an IDR.
     */
    Take take(long have, Framebuffer fb) {
        lock.lock();
        try {
            lastUsed = System.nanoTime();
            if (retired) {
                closeEncoder();
                return Take.ENDED;
            }
            if (failure != null || !open()) {
                return Take.FAILED;
            }
            long oldest = frames.isEmpty() ? nextSeq : frames.peekFirst().seq();
            boolean inStream = have > 0 && have >= oldest - 1 && have < nextSeq;
            long from = have + 1;
            boolean idr = false;
            if (!inStream) {
                if (lastIdr >= oldest && replayAffordable()) {
                    from = lastIdr;
                    counters.replays.increment();
                } else {
                    idr = true;
                    from = nextSeq;
                    counters.forcedIdrs.increment();
                }
            }
            Rect changed = takePending();
            long nanos = 0;
            if (idr || !changed.isEmpty() || frames.isEmpty()) {
                long t0 = System.nanoTime();
                if (!encode(fb, changed, idr)) {
                    return Take.FAILED;
                }
                nanos = System.nanoTime() - t0;
            }
            return new Take(Status.FRAMES, framesFrom(from), !inStream, nanos);
        } finally {
            if (retired) {
                closeEncoder();
            }
            lock.unlock();
        }
    }

    private boolean open() {
        if (encoder != null) {
            return true;
        }
        try {
            encoder = opener.open(key.rect().width(), key.rect().height(), settings);
            counters.encodersOpened.increment();
            return true;
        } catch (VideoEncoderException | RuntimeException e) {
            fail("cannot open an encoder for " + key.rect() + ": " + e.getMessage());
            return false;
        }
    }

    private boolean encode(Framebuffer fb, Rect changed, boolean idr) {
        Rect a = key.rect();
        if (!fb.bounds().contains(a)) {
            // A new framebuffer of another size: the loop retires this group presently.
            return false;
        }
        byte[] data;
        try {
            data = encoder.encode(fb, a.x(), a.y(), changed, idr);
        } catch (VideoEncoderException | RuntimeException e) {
            fail("encoding " + a + " failed: " + e.getMessage());
            return false;
        }
        boolean startsStream = idr || nextSeq == 1 || AnnexBUnits.isIdr(data);
        Frame f = new Frame(nextSeq++, data, startsStream);
        if (startsStream) {
            lastIdr = f.seq();
        }
        frames.addLast(f);
        ringBytes += data.length;
        counters.pictures.increment();
        while (frames.size() > 1 && (frames.size() > MAX_FRAMES || ringBytes > MAX_BYTES)) {
            ringBytes -= frames.removeFirst().data().length;
        }
        return true;
    }

    private void fail(String why) {
        failure = why;
        closeEncoder();
        LOG.warning("video: " + why + "; its viewers get that area in their other encoding instead");
    }

    /** Whether the frames from the latest IDR are few and small enough to send a joiner. */
    private boolean replayAffordable() {
        long bytes = 0;
        int count = 0;
        for (Frame f : frames) {
            if (f.seq() >= lastIdr) {
                bytes += f.data().length;
                count++;
            }
        }
        return count <= REPLAY_FRAMES && bytes <= REPLAY_BYTES;
    }

    private List<Frame> framesFrom(long seq) {
        List<Frame> out = new ArrayList<>();
        for (Iterator<Frame> it = frames.descendingIterator(); it.hasNext(); ) {
            Frame f = it.next();
            if (f.seq() < seq) {
                break;
            }
            out.add(0, f);
        }
        return out;
    }

    private Rect takePending() {
        synchronized (changes) {
            Rect r = pending;
            pending = new Rect(0, 0, 0, 0);
            return r;
        }
    }

    /** No longer to be used: its encoder is freed now, or by the member encoding at the moment. */
    void retire() {
        retired = true;
        if (lock.tryLock()) {
            try {
                closeEncoder();
            } finally {
                lock.unlock();
            }
        }
    }

    boolean retired() {
        return retired;
    }

    long lastUsed() {
        return lastUsed;
    }

    private void closeEncoder() {
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
        frames.clear();
        ringBytes = 0;
    }
}
