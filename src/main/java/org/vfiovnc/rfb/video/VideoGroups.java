package org.vfiovnc.rfb.video;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.vfiovnc.damage.Region;
import org.vfiovnc.encoding.h264.H264Settings;
import org.vfiovnc.surface.Rect;

/**
 * The server's {@link VideoGroup}s by area and settings: a viewer joins the group of its key (made on
 * first use), the refresh loop hands every group the damage of its area, and groups nobody took a
 * frame from for {@link #LINGER_NANOS} are retired (their area rests, or their viewers left).
 */
final class VideoGroups {
    static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ConcurrentHashMap<VideoGroup.Key, VideoGroup> groups = new ConcurrentHashMap<>();
    private final FrameEncoder.Opener opener;
    private final int bitrateCapKbps;
    private final VideoCounters counters = new VideoCounters();

    VideoGroups(FrameEncoder.Opener opener, int bitrateCapKbps) {
        this.opener = opener;
        this.bitrateCapKbps = bitrateCapKbps;
    }

    /** The group of {@code key}, new when there is none. */
    VideoGroup join(VideoGroup.Key key) {
        return groups.computeIfAbsent(key, k -> new VideoGroup(k,
                H264Settings.defaults().withQuality(k.quality()).withBitrateCap(bitrateCapKbps), opener, counters));
    }

    /** A viewer left its group for an encoder of its own (counted). */
    void ownEncoderGiven() {
        counters.ownEncoders.increment();
    }

    VideoCounters counters() {
        return counters;
    }

    /** The damage of one tick (the refresh loop's thread). */
    void damaged(Region damage) {
        if (groups.isEmpty()) {
            return;
        }
        for (Rect r : damage.rects()) {
            for (VideoGroup g : groups.values()) {
                g.changed(r);
            }
        }
    }

    /** Retires the groups unused since {@code now - LINGER_NANOS}. */
    void sweep(long now) {
        for (VideoGroup g : groups.values()) {
            if (now - g.lastUsed() > LINGER_NANOS) {
                retire(g);
            }
        }
    }

    /** A new screen: every context starts again. */
    void retireAll() {
        for (VideoGroup g : groups.values()) {
            retire(g);
        }
    }

    private void retire(VideoGroup g) {
        groups.remove(g.key, g);
        g.retire();
    }

    int size() {
        return groups.size();
    }
}
