package org.vfiovnc.source.replay;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/** Writes a recording (see {@link RecordingFormat}). Not thread-safe. */
public final class RecordingWriter implements AutoCloseable {
    private final DataOutputStream out;
    private final CountingStream counter;
    private long frames;
    private boolean closed;

    public RecordingWriter(Path file, int width, int height) throws IOException {
        this(Files.newOutputStream(file), width, height);
    }

    public RecordingWriter(OutputStream sink, int width, int height) throws IOException {
        checkSize(width, height);
        counter = new CountingStream(sink);
        ZstdOutputStream z = new ZstdOutputStream(counter, 6);
        out = new DataOutputStream(new BufferedOutputStream(z, 1 << 16));
        out.write(RecordingFormat.MAGIC);
        out.writeShort(RecordingFormat.VERSION);
        out.writeShort(width);
        out.writeShort(height);
    }

    /** Announces a new screen size; the next frame should cover all of it. */
    public void geometry(int width, int height) throws IOException {
        checkSize(width, height);
        out.writeByte(RecordingFormat.TAG_GEOMETRY);
        out.writeShort(width);
        out.writeShort(height);
    }

    /** Writes the pixels of {@code rects} from {@code fb} as one frame at {@code micros}. */
    public void frame(long micros, Framebuffer fb, List<Rect> rects) throws IOException {
        if (rects.size() > 0xffff) {
            throw new IllegalArgumentException("frame with " + rects.size() + " rectangles");
        }
        out.writeByte(RecordingFormat.TAG_FRAME);
        out.writeLong(micros);
        out.writeShort(rects.size());
        int[] px = fb.pixels();
        byte[] row = new byte[fb.width() * 3];
        for (Rect r : rects) {
            out.writeShort(r.x());
            out.writeShort(r.y());
            out.writeShort(r.width());
            out.writeShort(r.height());
            for (int y = r.y(); y < r.bottom(); y++) {
                int i = y * fb.width() + r.x();
                for (int k = 0; k < r.width(); k++) {
                    int p = px[i + k];
                    row[k * 3] = (byte) (p >> 16);
                    row[k * 3 + 1] = (byte) (p >> 8);
                    row[k * 3 + 2] = (byte) p;
                }
                out.write(row, 0, r.width() * 3);
            }
        }
        frames++;
    }

    public long frames() {
        return frames;
    }

    /** Compressed bytes handed to the file so far. */
    public long bytesWritten() {
        return counter.count;
    }

    /** Writes the end marker and closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.writeByte(RecordingFormat.TAG_END);
        out.writeInt((int) frames);
        out.close();
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0 || width > RecordingFormat.MAX_SIDE || height > RecordingFormat.MAX_SIDE) {
            throw new IllegalArgumentException("size " + width + "x" + height + " out of range");
        }
    }

    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
