package org.vfiovnc.rfb.video;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.encoding.h264.H264Rect;
import org.vfiovnc.encoding.h264.H264Settings;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * One viewer's video: which of its damage goes as video ({@link #plan}, under the session's lock) and
 * its place in each area's {@link VideoGroup} (the sender thread's, in {@link #write}). A viewer that
 * takes updates more slowly than the group encodes gets the frames it missed in one rectangle; one
 * so slow that it keeps falling out of the group's ring (each time forcing an IDR on everyone) gets
 * an encoder of its own for that area instead, paced by its own requests.
 */
public final class ViewerVideo {
    private static final Logger LOG = Logger.getLogger(ViewerVideo.class.getName());
    /** Falling out of the group's ring this often sends the viewer to an encoder of its own. */
    static final int LAPS_BEFORE_OWN = 2;

    private final VideoService service;
    // Under the session's lock.
    private boolean resetAllDue;
    // The sender thread's.
    private final Map<Rect, Membership> members = new HashMap<>();
    private final Set<Rect> own = new HashSet<>();

    private static final class Membership {
        VideoGroup group;
        long have;
        /** Times it fell out of the group's ring. */
        int laps;

        Membership(VideoGroup group) {
            this.group = group;
        }
    }

    ViewerVideo(VideoService service) {
        this.service = service;
    }

    /** Whether pictures can go to a viewer with pixel format {@code f} as video: 32-bit true colour. */
    public static boolean formatFits(PixelFormat f) {
        return f.trueColour() && f.bitsPerPixel() == 32 && f.depth() >= 24
                && f.redMax() == 255 && f.greenMax() == 255 && f.blueMax() == 255;
    }

    /**
     * The video part of an update of {@code wanted} carrying {@code damage}: the active video areas
     * inside the wanted area that the damage touches, when the viewer takes video at all. Under the
     * session's lock.
     *
     * @param qualityLevel the viewer's quality level 0..9, or -1 for none (the default level then)
     */
    public VideoUpdate plan(boolean listsH264, PixelFormat format, int qualityLevel, Rect wanted, List<Rect> damage) {
        if (!service.enabled() || !listsH264 || damage.isEmpty() || !formatFits(format)) {
            return VideoUpdate.NONE;
        }
        List<Rect> areas = new ArrayList<>(2);
        for (Rect a : service.activeAreas(System.nanoTime())) {
            if (wanted.contains(a) && touches(damage, a)) {
                areas.add(a);
            }
        }
        if (areas.isEmpty()) {
            return VideoUpdate.NONE;
        }
        boolean resetAll = resetAllDue;
        resetAllDue = false;
        int quality = qualityLevel < 0 ? H264Settings.DEFAULT_QUALITY : qualityLevel;
        return new VideoUpdate(List.copyOf(areas), quality, resetAll, this);
    }

    /** The viewer's screen changed size: the first video after it drops all its decoder contexts. Under the lock. */
    public void screenResized() {
        resetAllDue = true;
    }

    private static boolean touches(List<Rect> rects, Rect area) {
        for (Rect r : rects) {
            if (r.intersects(area)) {
                return true;
            }
        }
        return false;
    }

    /** Writes the frames each area of {@code u} owes this viewer (the sender thread). */
    VideoUpdate.Sent write(VideoUpdate u, Framebuffer fb, OutBuffer out) {
        if (u.resetAll()) {
            members.clear();
            own.clear();
        }
        members.values().removeIf(m -> m.group.retired());
        List<Rect> video = new ArrayList<>();
        List<Rect> failed = new ArrayList<>();
        boolean resetAll = u.resetAll();
        int rects = 0;
        long bytes = 0;
        long nanos = 0;
        for (Rect area : u.areas()) {
            VideoGroup.Take t = take(area, u.quality(), fb);
            if (t.status() != VideoGroup.Status.FRAMES) {
                failed.add(area);
                continue;
            }
            video.add(area);
            nanos += t.encodeNanos();
            if (t.frames().isEmpty()) {
                continue; // the frame it has shows this damage already
            }
            int flags = (t.fresh() ? H264Rect.RESET_CONTEXT : 0) | (resetAll ? H264Rect.RESET_ALL_CONTEXTS : 0);
            resetAll = false;
            int start = out.size();
            out.u16(area.x()).u16(area.y()).u16(area.width()).u16(area.height()).s32(Encodings.H264);
            List<byte[]> units = new ArrayList<>(t.frames().size());
            for (VideoGroup.Frame f : t.frames()) {
                units.add(f.data());
            }
            H264Rect.write(out, units, flags);
            rects++;
            bytes += out.size() - start;
        }
        return new VideoUpdate.Sent(video, failed, rects, bytes, nanos);
    }

    /** Takes what {@code area}'s group owes this viewer, joining (again) where needed. */
    private VideoGroup.Take take(Rect area, int quality, Framebuffer fb) {
        VideoGroups groups = service.groups();
        VideoGroup.Key key = new VideoGroup.Key(area, quality, own.contains(area) ? this : null);
        Membership m = members.get(area);
        if (m == null || !m.group.key.equals(key)) {
            m = new Membership(groups.join(key));
            members.put(area, m);
        }
        VideoGroup.Take t = m.group.take(m.have, fb);
        if (t.status() == VideoGroup.Status.ENDED) {
            m.group = groups.join(key);
            m.have = 0;
            t = m.group.take(0, fb);
        }
        if (t.status() != VideoGroup.Status.FRAMES) {
            members.remove(area);
            return t;
        }
        if (!t.frames().isEmpty()) {
            if (m.have > 0 && t.fresh() && key.owner() == null && ++m.laps >= LAPS_BEFORE_OWN) {
                own.add(area);
                service.groups().ownEncoderGiven();
                LOG.info("video: a viewer too slow to follow the others gets an encoder of its own for " + area);
            }
            m.have = t.newest();
        }
        return t;
    }
}
