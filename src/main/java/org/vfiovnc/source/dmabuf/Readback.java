package org.vfiovnc.source.dmabuf;

import java.util.Locale;

/** How dma-buf planes are read back ({@code --readback}): a CPU mapping, EGL, or whichever fits the buffer. */
public enum Readback {
    /** mmap for linear buffers whose exporter allows CPU mappings, else egl. */
    AUTO,
    /** A CPU mapping bracketed by DMA_BUF_IOCTL_SYNC; linear buffers only. */
    MMAP,
    /** Import into headless EGL and glReadPixels (Mesa 25). */
    EGL;

    /** The mode named on a command line: auto, mmap or egl. */
    public static Readback parse(String name) {
        for (Readback r : values()) {
            if (r.toString().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown readback '" + name + "'; expected auto, mmap or egl");
    }

    /** The concrete mode for {@code buf}: auto becomes mmap when a CPU mapping can read the buffer, else egl. */
    public Readback resolve(DmaBuf buf) {
        if (this != AUTO) {
            return this;
        }
        return MmapDmaBufReader.supports(buf) ? MMAP : EGL;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
