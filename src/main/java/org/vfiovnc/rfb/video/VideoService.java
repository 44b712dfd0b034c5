package org.vfiovnc.rfb.video;

import java.util.List;
import java.util.logging.Logger;
import org.vfiovnc.damage.Move;
import org.vfiovnc.damage.Region;
import org.vfiovnc.display.DisplayListener;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Video for one server's viewers: listens to the display (attached before any session, so it hears
 * of damage first), finds the areas in motion ({@link MotionTracker}; in {@code always} mode the
 * whole screen is the one area) and keeps the shared encoders ({@link VideoGroups}). Each session
 * has a {@link ViewerVideo} from {@link #newViewer()}. Says once in the log whether video is on,
 * with which encoder, or why not.
 */
public final class VideoService implements DisplayListener {
    private static final Logger LOG = Logger.getLogger(VideoService.class.getName());

    private final VideoOptions options;
    private final boolean enabled;
    private final MotionTracker tracker = new MotionTracker();
    private final VideoGroups groups;
    private volatile Rect screen = new Rect(0, 0, 0, 0);

    private VideoService(VideoOptions options, boolean enabled) {
        this.options = options;
        this.enabled = enabled;
        this.groups = new VideoGroups(options.opener(), options.bitrateCapKbps());
    }

    /** Video as {@code options} ask, if the host can encode it; logs which encoder runs, or why none. */
    public static VideoService create(VideoOptions options) {
        if (options.mode() == VideoMode.OFF) {
            LOG.info("video: off (--video off); viewers that list H.264 get their next encoding");
            return new VideoService(options, false);
        }
        String missing = options.opener().unavailable();
        if (missing != null) {
            LOG.warning("video: unavailable, viewers that list H.264 get their next encoding (" + missing + ")");
            return new VideoService(options, false);
        }
        LOG.info("video: " + options.mode().label() + ", " + options.opener().describe()
                + (options.mode() == VideoMode.AUTO ? " for areas in motion" : " for the whole screen")
                + " to viewers that list H.264; quality follows each viewer's quality level"
                + (options.bitrateCapKbps() > 0 ? ", capped at " + options.bitrateCapKbps() + " kbit/s" : ""));
        return new VideoService(options, true);
    }

    /** Whether any viewer can get video from this server. */
    public boolean enabled() {
        return enabled;
    }

    public VideoMode mode() {
        return options.mode();
    }

    /** The video state of one more viewer. */
    public ViewerVideo newViewer() {
        return new ViewerVideo(this);
    }

    /** The areas sent as video at {@code now}. */
    List<Rect> activeAreas(long now) {
        if (options.mode() == VideoMode.ALWAYS) {
            Rect s = screen;
            return s.isEmpty() ? List.of() : List.of(s);
        }
        return tracker.active(now);
    }

    VideoGroups groups() {
        return groups;
    }

    /** What the shared encoders did so far. */
    public VideoCounters counters() {
        return groups.counters();
    }

    /** The display's framebuffer when the service attached (null before the first frame). */
    public void start(Framebuffer fb) {
        if (fb != null) {
            framebufferReplaced(fb);
        }
    }

    // ---- the refresh loop's thread ----

    @Override
    public void framebufferReplaced(Framebuffer fb) {
        tracker.reset(fb.width(), fb.height());
        groups.retireAll();
        screen = fb.bounds();
    }

    @Override
    public void damaged(Region damage) {
        damaged(damage, List.of(), damage);
    }

    /** Moves the viewers copy (a scroll) are not motion to encode: only the rest counts. */
    @Override
    public void damaged(Region damage, List<Move> moves, Region afterMoves) {
        groups.damaged(damage);
        if (options.mode() == VideoMode.AUTO) {
            tracker.damaged(moves.isEmpty() ? damage : afterMoves, System.nanoTime());
        }
    }

    /** Not a viewer: the loop need not look closely for this listener's sake. */
    @Override
    public boolean watches() {
        return false;
    }

    /** Frees the encoders nobody used lately (any thread, a few times a second). */
    public void sweep() {
        groups.sweep(System.nanoTime());
    }

    /** Frees every encoder (the server closes). */
    public void close() {
        groups.retireAll();
    }
}
