package org.vfiovnc.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vfiovnc.damage.Region;
import org.vfiovnc.display.DisplayListener;
import org.vfiovnc.display.DisplayState;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.rfb.EncodingStats;
import org.vfiovnc.rfb.RfbServer;
import org.vfiovnc.surface.Framebuffer;

/**
 * The metrics of one running server: client count, frames diffed and changed, damage area,
 * updates and bytes per encoding sent, encode and readback time, source state. It listens to the
 * refresh loop like a viewer does, so neither the loop nor the sessions know about it.
 */
public final class ServerMetrics implements DisplayListener, AutoCloseable {
    private static final double NANOS = 1e-9;
    private final RefreshLoop loop;
    private final MetricsRegistry registry = new MetricsRegistry();
    private final MetricsRegistry.Counter damagedFrames;
    private final MetricsRegistry.Counter damagePixels;
    private final MetricsRegistry.Counter replacedFrames;

    /** {@code timed} is the source the loop was started with when it was wrapped, else null. */
    public ServerMetrics(RefreshLoop loop, RfbServer rfb, TimedSource timed) {
        this.loop = loop;
        registry.gauge("vfiovnc_clients", "Connected VNC viewers.", rfb::clientCount);
        registry.stateGauge("vfiovnc_source_state", "What the display shows (1 for the current state).", "state",
                Arrays.stream(DisplayState.values()).map(Enum::name).toList(), () -> loop.state().name());
        registry.counterFn("vfiovnc_frames_diffed_total", "Frames read from the source and compared (none while nobody watches).",
                () -> loop.framesDiffed());
        damagedFrames = registry.counter("vfiovnc_frames_damaged_total", "Diffed frames in which something changed.");
        replacedFrames = registry.counter("vfiovnc_framebuffers_replaced_total",
                "New framebuffers (first frame, size or layout change, no-signal screen).");
        damagePixels = registry.counter("vfiovnc_damage_pixels_total", "Changed pixels found by the differ.");
        if (timed != null) {
            registry.register("vfiovnc_readback_seconds_total", "Time spent reading frames from the source.", NANOS, timed.readbackNanos);
            registry.register("vfiovnc_readbacks_total", "Frames read from the source.", 1, timed.readbacks);
        }
        EncodingStats sent = rfb.stats();
        registry.counterFn("vfiovnc_updates_sent_total", "FramebufferUpdate messages sent to viewers.", sent::updates);
        registry.counterFn("vfiovnc_update_bytes_total", "Bytes of FramebufferUpdate messages sent.", sent::updateBytes);
        registry.counterFn("vfiovnc_updates_copied_total",
                "FramebufferUpdate messages another viewer's sender encoded (the same update for several viewers).",
                sent::copiedUpdates);
        registry.labeledCounterFn("vfiovnc_encoded_bytes_total", "Rectangle bytes sent per encoding, headers included.",
                "encoding", 1, () -> byName(sent.bytes()));
        registry.labeledCounterFn("vfiovnc_encoded_rects_total", "Rectangles sent per encoding.", "encoding", 1,
                () -> byName(sent.rects()));
        registry.labeledCounterFn("vfiovnc_encode_seconds_total",
                "Time spent encoding rectangles per encoding (an update shared by several viewers once).", "encoding",
                NANOS, () -> byName(sent.encodeNanos()));
        Framebuffer current = loop.attach(this);
        if (current != null) {
            replacedFrames.inc();
        }
    }

    /** Label values are the encodings' names in lower case ("hextile", "copyrect"). */
    private static Map<String, Long> byName(Map<Integer, Long> byNumber) {
        Map<String, Long> m = new TreeMap<>();
        byNumber.forEach((n, v) -> m.merge(Encodings.name(n).toLowerCase(Locale.ROOT), v, Long::sum));
        return m;
    }

    public MetricsRegistry registry() {
        return registry;
    }

    @Override
    public void framebufferReplaced(Framebuffer fb) {
        replacedFrames.inc();
        damagePixels.add((long) fb.width() * fb.height());
    }

    @Override
    public void damaged(Region damage) {
        damagedFrames.inc();
        damagePixels.add(damage.area());
    }

    /** Counting is not watching: metrics alone do not keep the loop looking at a busy screen. */
    @Override
    public boolean watches() {
        return false;
    }

    /** Source state is read from the loop at scrape time; nothing to do here. */
    @Override
    public void stateChanged(DisplayState state, String detail) {}

    @Override
    public void close() {
        loop.detach(this);
    }

    /** Lists the metric names (for documentation and tests). */
    public static List<String> names() {
        return List.of("vfiovnc_clients", "vfiovnc_source_state", "vfiovnc_frames_diffed_total",
                "vfiovnc_frames_damaged_total", "vfiovnc_damage_pixels_total", "vfiovnc_readback_seconds_total",
                "vfiovnc_updates_sent_total", "vfiovnc_updates_copied_total", "vfiovnc_encoded_bytes_total",
                "vfiovnc_encode_seconds_total");
    }
}
