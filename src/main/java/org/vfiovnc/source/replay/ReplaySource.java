package org.vfiovnc.source.replay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.surface.Rect;

/**
 * Plays a recording back as a display source: at the recorded pace, or in {@code fast} mode one
 * recorded frame per {@link #acquire()} (for benchmarks and tests); optionally from the start again
 * when it ends, else the last frame stays. The surface is XR24.
 */
public final class ReplaySource implements DisplaySource {
    private final Path file;
    private final boolean fast;
    private final boolean loop;
    private RecordingReader reader;
    private ByteBuffer buffer;
    private int width;
    private int height;
    private long serial;
    private long startNanos;
    // Recorded time of the first frame of this pass: the timeline starts there.
    private long baseMicros = -1;
    // A frame the reader has applied but whose time has not come yet (paced mode only).
    private boolean pending;
    private boolean needsFullCopy;

    public ReplaySource(Path file, boolean fast, boolean loop) {
        this.file = file;
        this.fast = fast;
        this.loop = loop;
    }

    /** {@code replay:PATH[:fast][:loop]} (the part after "replay:"; the path may contain colons). */
    public static ReplaySource fromSpec(String args) {
        List<String> parts = new ArrayList<>(Arrays.asList(args.split(":", -1)));
        boolean fast = false;
        boolean loop = false;
        while (parts.size() > 1) {
            String last = parts.get(parts.size() - 1);
            if (last.equals("fast")) {
                fast = true;
            } else if (last.equals("loop")) {
                loop = true;
            } else {
                break;
            }
            parts.remove(parts.size() - 1);
        }
        String path = String.join(":", parts);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("bad replay source 'replay:" + args + "'; expected replay:FILE.fbrec.zst[:fast][:loop]");
        }
        return new ReplaySource(Path.of(path), fast, loop);
    }

    @Override
    public void open() throws IOException {
        if (!Files.isReadable(file)) {
            throw new SourceException("cannot read recording " + file);
        }
        restart();
    }

    private void restart() throws IOException {
        if (reader != null) {
            reader.close();
        }
        reader = new RecordingReader(file);
        pending = false;
        startNanos = -1;
        baseMicros = -1;
        resize(reader.width(), reader.height());
    }

    private void resize(int w, int h) {
        if (buffer == null || w != width || h != height) {
            width = w;
            height = h;
            buffer = ByteBuffer.allocate(w * h * 4).order(ByteOrder.LITTLE_ENDIAN);
        }
        needsFullCopy = true;
    }

    @Override
    public Optional<DisplaySurface> acquire() throws IOException {
        if (reader == null) {
            throw new SourceException("replay source is not open");
        }
        if (fast) {
            advanceOne();
        } else {
            advancePaced();
        }
        return Optional.of(new DisplaySurface(width, height, width * 4, PixelLayout.XR24, buffer, serial));
    }

    /** Shows the next frame, whatever its time. */
    private void advanceOne() throws IOException {
        while (true) {
            RecordingReader.Step step = reader.next();
            if (step == RecordingReader.Step.FRAME) {
                show();
                return;
            }
            if (step == RecordingReader.Step.GEOMETRY) {
                resize(reader.width(), reader.height());
            } else if (!endReached()) {
                return;
            }
        }
    }

    /** Shows every frame whose recorded time has passed. */
    private void advancePaced() throws IOException {
        long now = System.nanoTime();
        if (startNanos < 0) {
            startNanos = now;
        }
        long elapsedMicros = (now - startNanos) / 1000;
        while (true) {
            if (pending) {
                if (baseMicros < 0) {
                    baseMicros = reader.micros();
                }
                if (reader.micros() - baseMicros > elapsedMicros) {
                    return;
                }
                show();
                pending = false;
            }
            RecordingReader.Step step = reader.next();
            if (step == RecordingReader.Step.FRAME) {
                pending = true;
            } else if (step == RecordingReader.Step.GEOMETRY) {
                resize(reader.width(), reader.height());
            } else {
                if (!endReached()) {
                    return;
                }
                now = System.nanoTime();
                startNanos = now;
                elapsedMicros = 0;
            }
        }
    }

    /** At the end: starts again when looping (true), else keeps the last frame (false). */
    private boolean endReached() throws IOException {
        if (!loop) {
            return false;
        }
        if (reader.frames() == 0) {
            throw new SourceException(file + " holds no frames to loop over");
        }
        restart();
        return true;
    }

    /** Copies what the reader's last frame changed into the surface buffer. */
    private void show() {
        int[] px = reader.pixels();
        List<Rect> rects = needsFullCopy ? List.of(new Rect(0, 0, width, height)) : reader.lastRects();
        for (Rect r : rects) {
            for (int y = r.y(); y < r.bottom(); y++) {
                int i = y * width + r.x();
                for (int k = 0; k < r.width(); k++) {
                    buffer.putInt((i + k) * 4, px[i + k]);
                }
            }
        }
        needsFullCopy = false;
        serial++;
    }

    @Override
    public String describe() {
        return "replay " + file + (fast ? " fast" : "") + (loop ? " loop" : "");
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // nothing to do: the file was only read
            }
            reader = null;
        }
    }
}
