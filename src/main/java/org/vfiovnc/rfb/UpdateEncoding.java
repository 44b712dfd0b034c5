package org.vfiovnc.rfb;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.rfb.video.VideoService;
import org.vfiovnc.rfb.video.ViewerVideo;
import org.vfiovnc.surface.Rect;

/**
 * Encodes the updates of one server's sessions and counts what they send. An update that other
 * viewers may take alike (see {@link SharedUpdates}) is encoded once for all of them while more
 * than one viewer is connected (a lone viewer's zlib streams keep their history across updates);
 * any other is encoded for its viewer alone. Every session's sender
 * thread uses it at once. Video is shared per area instead (see {@link VideoService}).
 */
final class UpdateEncoding {
    private final SharedUpdates shared;
    private final EncodingStats stats;
    private final IntSupplier viewers;
    private final VideoService video;

    /** @param viewers how many viewers are connected now */
    UpdateEncoding(SharedUpdates shared, EncodingStats stats, IntSupplier viewers, VideoService video) {
        this.shared = shared;
        this.stats = stats;
        this.viewers = viewers;
        this.video = video;
    }

    /** The video state of a new session. */
    ViewerVideo newViewerVideo() {
        return video.newViewer();
    }

    /**
     * Appends {@code u} as one FramebufferUpdate to {@code out}. {@code publication} is the refresh
     * loop's count read when the update was taken. Returns the pixel rectangles that went out lossy.
     */
    List<Rect> write(PendingUpdate u, PixelTranslator pixels, long publication, OutBuffer out) {
        if (viewers.getAsInt() > 1 && SharedUpdates.shareable(u)) {
            SharedUpdates.Result r = shared.get(SharedUpdates.key(publication, u, pixels.format()), () -> {
                // What goes to others must not refer to this viewer's history.
                u.encoder().forgetHistory();
                OutBuffer own = new OutBuffer(64 * 1024);
                EncodingStats.Tally tally = new EncodingStats.Tally();
                List<Rect> lossy = UpdateWriter.write(u, pixels, own, tally);
                return new SharedUpdates.Encoded(Arrays.copyOf(own.array(), own.size()), tally, List.copyOf(lossy));
            });
            if (!r.encodedHere()) {
                // The viewer's decoder now holds what another encoder wrote.
                u.encoder().forgetHistory();
            }
            out.bytes(r.encoded().bytes());
            stats.sent(r.encoded().tally(), r.encodedHere());
            return r.encoded().lossy();
        }
        EncodingStats.Tally tally = new EncodingStats.Tally();
        List<Rect> sentLossy = UpdateWriter.write(u, pixels, out, tally);
        stats.sent(tally, true);
        return sentLossy;
    }
}
