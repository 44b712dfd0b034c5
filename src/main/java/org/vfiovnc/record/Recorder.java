package org.vfiovnc.record;

import java.io.IOException;
import java.util.Optional;
import org.vfiovnc.damage.Region;
import org.vfiovnc.damage.TileDiffer;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.replay.RecordingWriter;
import org.vfiovnc.surface.DisplaySurface;

/**
 * Records a source: each {@link #capture(long)} acquires a frame, diffs it with a {@link TileDiffer}
 * and writes only the changed rectangles. A frame without change is not written; a new size or
 * layout starts over with a full frame.
 */
public final class Recorder {
    private final DisplaySource source;
    private final RecordingWriter writer;
    private TileDiffer differ;
    private int width;
    private int height;
    // The picture open() waited for: the first capture records it, so no frame is lost.
    private DisplaySurface first;

    /** The writer's header geometry must be the source's first size (see {@link #open}). */
    private Recorder(DisplaySource source, RecordingWriter writer, int width, int height) {
        this.source = source;
        this.writer = writer;
        this.width = width;
        this.height = height;
    }

    /**
     * Waits up to {@code timeoutMs} for the (open) source's first picture and starts a recording
     * with its size; the factory receives width and height and returns the writer.
     */
    public static Recorder open(DisplaySource source, WriterFactory factory, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            Optional<DisplaySurface> s = source.acquire();
            if (s.isPresent()) {
                DisplaySurface first = s.get();
                Recorder r = new Recorder(source, factory.create(first.width(), first.height()), first.width(), first.height());
                r.first = first;
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("source " + source.describe() + " shows no picture");
            }
            Thread.sleep(50);
        }
    }

    /** Creates the writer once the first frame's size is known. */
    public interface WriterFactory {
        RecordingWriter create(int width, int height) throws IOException;
    }

    /** One acquire-diff-write step at {@code micros} since the start; true when a frame was written. */
    public boolean capture(long micros) throws IOException {
        Optional<DisplaySurface> surface = first != null ? Optional.of(first) : source.acquire();
        first = null;
        if (surface.isEmpty()) {
            return false;
        }
        DisplaySurface s = surface.get();
        if (differ == null || !differ.accepts(s)) {
            if (s.width() != width || s.height() != height) {
                writer.geometry(s.width(), s.height());
                width = s.width();
                height = s.height();
            }
            differ = new TileDiffer(s.width(), s.height(), s.layout());
        }
        Region damage = differ.diff(s);
        if (damage.isEmpty()) {
            return false;
        }
        writer.frame(micros, differ.framebuffer(), damage.rects());
        return true;
    }

    public RecordingWriter writer() {
        return writer;
    }
}
