package org.vfiovnc.source.replay;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vfiovnc.surface.Rect;
import org.vfiovnc.source.SourceException;

/**
 * Reads a recording (see {@link RecordingFormat}) record by record into a canonical screen. Every
 * defect (wrong magic, cut-off file, rectangle outside the screen, broken zstd data) becomes a
 * {@link SourceException} naming the file and the frame where it was found.
 */
public final class RecordingReader implements AutoCloseable {
    private final String name;
    private final DataInputStream in;
    private int width;
    private int height;
    private int[] pixels;
    private long frames;
    private long micros;
    private boolean ended;
    private final List<Rect> lastRects = new ArrayList<>();

    public RecordingReader(Path file) throws IOException {
        this(Files.newInputStream(file), file.toString());
    }

    public RecordingReader(InputStream raw, String name) throws IOException {
        this.name = name;
        try {
            this.in = new DataInputStream(new BufferedInputStream(new ZstdInputStream(raw), 1 << 16));
            byte[] magic = new byte[RecordingFormat.MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, RecordingFormat.MAGIC)) {
                throw new SourceException(name + " is not a vfio-vnc recording (bad magic)");
            }
            int version = in.readUnsignedShort();
            if (version != RecordingFormat.VERSION) {
                throw new SourceException(name + ": unsupported recording version " + version);
            }
            setGeometry(in.readUnsignedShort(), in.readUnsignedShort());
        } catch (EOFException e) {
            raw.close();
            throw new SourceException(name + " is truncated: no complete header", e);
        } catch (SourceException e) {
            raw.close();
            throw e;
        } catch (IOException e) {
            raw.close();
            throw new SourceException(name + (isTruncation(e) ? " is truncated" : " is not a vfio-vnc recording")
                    + " (" + e.getMessage() + ")", e);
        }
    }

    public int width() { return width; }

    public int height() { return height; }

    /** The screen after the records read so far: canonical 0x00RRGGBB, row-major. */
    public int[] pixels() { return pixels; }

    /** Time of the last frame read, in microseconds since the first. */
    public long micros() { return micros; }

    public long frames() { return frames; }

    /** The rectangles the last frame changed. */
    public List<Rect> lastRects() { return List.copyOf(lastRects); }

    /** What {@link #next()} found. */
    public enum Step { FRAME, GEOMETRY, END }

    /** Reads and applies one record. After END it keeps returning END. */
    public Step next() throws IOException {
        if (ended) {
            return Step.END;
        }
        try {
            int tag = in.read();
            switch (tag) {
                case RecordingFormat.TAG_FRAME:
                    readFrame();
                    return Step.FRAME;
                case RecordingFormat.TAG_GEOMETRY:
                    setGeometry(in.readUnsignedShort(), in.readUnsignedShort());
                    return Step.GEOMETRY;
                case RecordingFormat.TAG_END:
                    long written = in.readInt() & 0xffffffffL;
                    if (written != frames) {
                        throw corrupt("end marker says " + written + " frames, read " + frames);
                    }
                    ended = true;
                    return Step.END;
                case -1:
                    throw new SourceException(name + " is truncated after " + frames + " frames (no end marker)");
                default:
                    throw corrupt("unknown record tag " + tag);
            }
        } catch (EOFException e) {
            throw new SourceException(name + " is truncated inside frame " + (frames + 1), e);
        } catch (SourceException e) {
            throw e;
        } catch (IOException e) {
            throw new SourceException(name + (isTruncation(e) ? " is truncated" : " is corrupt")
                    + " near frame " + (frames + 1) + ": " + e.getMessage(), e);
        }
    }

    private void readFrame() throws IOException {
        long t = in.readLong();
        if (t < micros) {
            throw corrupt("time goes backwards (" + t + " < " + micros + " us)");
        }
        int count = in.readUnsignedShort();
        lastRects.clear();
        byte[] row = new byte[width * 3];
        for (int n = 0; n < count; n++) {
            int x = in.readUnsignedShort();
            int y = in.readUnsignedShort();
            int w = in.readUnsignedShort();
            int h = in.readUnsignedShort();
            if (w == 0 || h == 0 || x + w > width || y + h > height) {
                throw corrupt("rectangle " + w + "x" + h + "+" + x + "+" + y + " outside the " + width + "x" + height + " screen");
            }
            lastRects.add(new Rect(x, y, w, h));
            for (int yy = y; yy < y + h; yy++) {
                in.readFully(row, 0, w * 3);
                int d = yy * width + x;
                for (int k = 0; k < w; k++) {
                    pixels[d + k] = (row[k * 3] & 0xff) << 16 | (row[k * 3 + 1] & 0xff) << 8 | (row[k * 3 + 2] & 0xff);
                }
            }
        }
        micros = t;
        frames++;
    }

    private void setGeometry(int w, int h) throws SourceException {
        if (w == 0 || h == 0) {
            throw corrupt("screen size " + w + "x" + h);
        }
        width = w;
        height = h;
        pixels = new int[w * h];
    }

    /** zstd reports a cut-off stream as "Truncated source" rather than an EOFException. */
    private static boolean isTruncation(IOException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase().contains("truncated");
    }

    private SourceException corrupt(String what) {
        return new SourceException(name + " is corrupt at frame " + (frames + 1) + ": " + what);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
