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
 * The live screen file of {@code Xvfb -fbdir DIR} (DIR/Xvfb_screen0): Xvfb draws straight into its
 * mapping of the file, so mapping it too shows every change. The header is re-read each tick, so a
 * screen that changes size is followed.
 */
public final class XwdSource implements DisplaySource {
    private final Path path;
    private MappedFile file;
    private XwdHeader header;
    private PixelLayout layout;

    public XwdSource(Path path) {
        this.path = path;
    }

    /** {@code xwd:PATH} (the part after "xwd:"), e.g. the {@code Xvfb_screen0} file of {@code Xvfb -fbdir}. */
    public static XwdSource fromSpec(String args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("bad xwd source; expected xwd:PATH (e.g. xwd:/tmp/fb/Xvfb_screen0)");
        }
        return new XwdSource(Path.of(args));
    }

    @Override
    public void open() throws IOException {
        MappedFile f = MappedFile.open(path);
        try {
            readHeader(f);
        } catch (IOException e) {
            f.close();
            throw e;
        }
        file = f;
    }

    private void readHeader(MappedFile f) throws IOException {
        readHeader(f, f.size());
    }

    private void readHeader(MappedFile f, long size) throws IOException {
        ByteBuffer head = f.map(Math.min(size, XwdHeader.FIXED_SIZE));
        XwdHeader h = XwdHeader.parse(head);
        PixelLayout l = h.layout();
        if (h.bytesPerLine() < h.width() * l.bytesPerPixel()) {
            throw new SourceException("XWD bytes-per-line " + h.bytesPerLine() + " is shorter than a row");
        }
        if (size < h.fileBytesNeeded()) {
            throw new SourceException("XWD file " + path + " is " + size + " bytes, its header needs " + h.fileBytesNeeded());
        }
        header = h;
        layout = l;
    }

    @Override
    public Optional<DisplaySurface> acquire() throws IOException {
        if (file == null) {
            throw new SourceException("xwd source not open");
        }
        long size = file.checkedSize();
        if (size < XwdHeader.FIXED_SIZE) {
            throw new SourceException("XWD file " + path + " was truncated");
        }
        readHeader(file, size);
        ByteBuffer map = file.map(header.fileBytesNeeded());
        ByteBuffer pixels = map.slice((int) header.pixelOffset(), (int) ((long) header.bytesPerLine() * header.height()));
        return Optional.of(new DisplaySurface(header.width(), header.height(), header.bytesPerLine(), layout, pixels, 0));
    }

    @Override
    public String describe() {
        return "xwd " + path;
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
