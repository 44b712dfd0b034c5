package org.vfiovnc.source.dmabuf;

import java.io.IOException;
import java.util.logging.Logger;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/**
 * The reader a source uses for its dma-bufs, picked on the first buffer as {@link Readback} says.
 * With auto, a buffer that looked mappable but whose exporter refuses CPU access switches the
 * reader to egl for good; a mode chosen by the operator fails with the reason instead.
 */
public final class ChosenReader implements DmaBufReader {
    private static final Logger LOG = Logger.getLogger(ChosenReader.class.getName());

    private final Readback mode;
    /** What is read, for the log line that says which reader was chosen. */
    private final String what;
    private DmaBufReader reader;

    public ChosenReader(Readback mode, String what) {
        this.mode = mode;
        this.what = what;
    }

    @Override
    public String name() {
        return reader != null ? reader.name() : mode.toString();
    }

    /** Whether the first buffer has chosen the reader yet. */
    public boolean chosen() {
        return reader != null;
    }

    @Override
    public DisplaySurface read(DmaBuf buf, long serial) throws IOException {
        if (reader == null) {
            Readback r = mode.resolve(buf);
            reader = DmaBufReaders.create(r);
            LOG.info("readback: " + r + " for " + what + " (" + why(r, buf) + ")");
        }
        try {
            return reader.read(buf, serial);
        } catch (CpuAccessForbiddenException e) {
            if (mode != Readback.AUTO) {
                throw new SourceException("--readback " + mode + ": " + e.getMessage() + "; use --readback egl or auto", e);
            }
            LOG.info("readback: switching to egl because " + e.getMessage());
            reader.close();
            reader = DmaBufReaders.create(Readback.EGL);
            return reader.read(buf, serial);
        }
    }

    private String why(Readback chosen, DmaBuf buf) {
        if (mode != Readback.AUTO) {
            return "chosen with --readback";
        }
        String fmt = PixelLayout.describe(buf.fourcc());
        return chosen == Readback.MMAP
                ? "auto: linear " + fmt + " buffer; falls back to egl if the exporter forbids CPU mappings"
                : "auto: " + fmt + " modifier 0x" + Long.toHexString(buf.modifier()) + " cannot be read through a CPU mapping";
    }

    @Override
    public void forget(DmaBuf buf) {
        if (reader != null) {
            reader.forget(buf);
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
