package org.vfiovnc.source.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/**
 * A framebuffer in a plain file (or a shared-memory file in /dev/shm) that another process writes:
 * mapped once, re-read every tick. A file shorter than its geometry is refused at open.
 */
public final class RawFileSource implements DisplaySource {
    private final Path path;
    private final int width;
    private final int height;
    private final PixelLayout layout;
    private final int stride;
    private final long offset;
    private MappedFile file;

    public RawFileSource(Path path, int width, int height, PixelLayout layout, int stride, long offset) {
        this.path = path;
        this.width = width;
        this.height = height;
        this.layout = layout;
        this.stride = stride > 0 ? stride : width * layout.bytesPerPixel();
        this.offset = offset;
        if (this.stride < width * layout.bytesPerPixel()) {
            throw new IllegalArgumentException("stride " + stride + " is smaller than a row of " + width + " "
                    + layout.fourccName() + " pixels (" + width * layout.bytesPerPixel() + " bytes)");
        }
    }

    private long needed() {
        return offset + (long) stride * (height - 1) + (long) width * layout.bytesPerPixel();
    }

    @Override
    public void open() throws IOException {
        MappedFile f = MappedFile.open(path);
        long size = f.size();
        if (size < needed()) {
            f.close();
            throw new SourceException("raw file " + path + " is " + size + " bytes, but " + width + "x" + height + " "
                    + layout.fourccName() + " with stride " + stride + " at offset " + offset + " needs " + needed());
        }
        file = f;
    }

    @Override
    public Optional<DisplaySurface> acquire() throws IOException {
        if (file == null) {
            throw new SourceException("raw source not open");
        }
        if (!file.stillValid(needed())) {
            throw new SourceException("raw file " + path + " shrank below " + needed() + " bytes");
        }
        ByteBuffer map = file.map(needed());
        ByteBuffer pixels = map.slice((int) offset, (int) (needed() - offset));
        return Optional.of(new DisplaySurface(width, height, stride, layout, pixels, 0));
    }

    @Override
    public String describe() {
        return "raw " + path + " " + width + "x" + height + " " + layout.fourccName();
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
