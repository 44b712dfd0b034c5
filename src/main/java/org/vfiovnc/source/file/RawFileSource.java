package org.vfiovnc.source.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.source.SpecArgs;
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

    /** {@code raw:PATH:WxH:FOURCC[:stride=N][:offset=N]} (the part after "raw:"; the path may contain colons). */
    public static RawFileSource fromSpec(String args) {
        List<String> parts = new ArrayList<>(Arrays.asList(args.split(":", -1)));
        int stride = 0;
        long offset = 0;
        while (!parts.isEmpty()) {
            String last = parts.get(parts.size() - 1);
            if (last.startsWith("stride=")) {
                stride = (int) SpecArgs.number(last.substring(7), "stride");
            } else if (last.startsWith("offset=")) {
                offset = SpecArgs.number(last.substring(7), "offset");
            } else {
                break;
            }
            parts.remove(parts.size() - 1);
        }
        if (parts.size() < 3 || parts.get(0).isEmpty()) {
            throw new IllegalArgumentException("bad raw source 'raw:" + args + "'; expected raw:PATH:WxH:FOURCC[:stride=N][:offset=N]");
        }
        String fourcc = parts.remove(parts.size() - 1);
        int[] size = SpecArgs.size(parts.remove(parts.size() - 1), "raw");
        PixelLayout layout = PixelLayout.byName(fourcc).orElseThrow(() -> new IllegalArgumentException(
                "unknown pixel format '" + fourcc + "'; expected one of " + Arrays.toString(PixelLayout.values())));
        return new RawFileSource(Path.of(String.join(":", parts)), size[0], size[1], layout, stride, offset);
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
