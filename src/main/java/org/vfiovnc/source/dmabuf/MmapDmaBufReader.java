package org.vfiovnc.source.dmabuf;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.source.linux.Ioctl;
import org.vfiovnc.source.linux.LibC;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/**
 * Reads linear dma-bufs through a CPU mapping (kept per buffer, so later reads see the guest's
 * writes). Each read opens a DMA_BUF_IOCTL_SYNC read window that stays open while the returned
 * surface is in use and is closed by the next read, forget or close.
 */
public final class MmapDmaBufReader implements DmaBufReader {
    private static final Logger LOG = Logger.getLogger(MmapDmaBufReader.class.getName());
    private static final LibC C = LibC.INSTANCE;
    static final long DMA_BUF_IOCTL_SYNC = Ioctl.iow('b', 0, 8);
    static final long SYNC_READ = 1;
    static final long SYNC_START = 0;
    static final long SYNC_END = 4;
    static final long PAGE = 4096;
    /** DRM_FORMAT_MOD_LINEAR. */
    public static final long MOD_LINEAR = 0;

    private final Map<Integer, Mapping> mappings = new HashMap<>();
    private Mapping syncing;

    /** One mapped buffer; {@code copy} is set when the buffer's tail lies beyond the last whole page. */
    private static final class Mapping {
        final DmaBuf buf;
        final Pointer addr;
        final long length;
        final ByteBuffer copy;

        Mapping(DmaBuf buf, Pointer addr, long length, ByteBuffer copy) {
            this.buf = buf;
            this.addr = addr;
            this.length = length;
            this.copy = copy;
        }
    }

    @Override
    public String name() {
        return "mmap";
    }

    /** Whether this reader can handle the buffer's layout at all (linear, known format). */
    public static boolean supports(DmaBuf buf) {
        return buf.modifier() == MOD_LINEAR && PixelLayout.byFourcc(buf.fourcc()).isPresent();
    }

    @Override
    public DisplaySurface read(DmaBuf buf, long serial) throws IOException {
        if (buf.modifier() != MOD_LINEAR) {
            throw new SourceException("mmap readback needs a linear buffer, got modifier 0x" + Long.toHexString(buf.modifier()));
        }
        PixelLayout layout = PixelLayout.byFourcc(buf.fourcc()).orElseThrow(() -> new SourceException(
                "unsupported dma-buf format " + PixelLayout.describe(buf.fourcc())));
        long rowBytes = (long) buf.width() * layout.bytesPerPixel();
        long needed = (long) buf.stride() * (buf.height() - 1) + rowBytes;
        if (buf.stride() < rowBytes || buf.offset() < 0 || buf.offset() + needed > buf.size()) {
            throw new SourceException("dma-buf of " + buf.size() + " bytes cannot hold " + buf.width() + "x" + buf.height()
                    + " " + layout.fourccName() + " with stride " + buf.stride() + " at offset " + buf.offset());
        }
        Mapping m = mappings.get(buf.fd());
        if (m == null || !m.buf.equals(buf)) {
            if (m != null) {
                forget(m.buf);
            }
            m = map(buf, needed);
            mappings.put(buf.fd(), m);
        }
        endSync();
        sync(m, SYNC_START);
        syncing = m;
        ByteBuffer pixels;
        if (m.copy != null) {
            // The tail beyond the last whole page cannot be mapped: copy what we can, the rest stays black.
            ByteBuffer whole = m.addr.getByteBuffer(0, m.length);
            m.copy.clear();
            long reachable = Math.min(m.length - buf.offset(), m.copy.capacity());
            m.copy.put(0, whole, buf.offset(), (int) Math.max(0, reachable));
            pixels = m.copy;
        } else {
            pixels = m.addr.getByteBuffer(buf.offset(), needed);
        }
        return new DisplaySurface(buf.width(), buf.height(), buf.stride(), layout, pixels, serial);
    }

    private Mapping map(DmaBuf buf, long needed) throws IOException {
        // The kernel refuses a mapping past the buffer's last whole page (size >> PAGE_SHIFT).
        long length = buf.size() / PAGE * PAGE;
        if (length == 0) {
            throw new SourceException("dma-buf of " + buf.size() + " bytes is smaller than a page; cannot map it");
        }
        Pointer addr;
        try {
            addr = C.mmap(null, new NativeLong(length), LibC.PROT_READ, LibC.MAP_SHARED, buf.fd(), 0);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EINVAL || e.getErrorCode() == LibC.EACCES || e.getErrorCode() == LibC.ENODEV) {
                throw new CpuAccessForbiddenException("the exporter forbids CPU mappings of its dma-bufs (mmap: "
                        + LibC.describe(e.getErrorCode()) + ")");
            }
            throw new SourceException("mmap of dma-buf: " + LibC.describe(e.getErrorCode()));
        }
        ByteBuffer copy = null;
        if (buf.offset() + needed > length) {
            LOG.warning("dma-buf size " + buf.size() + " is not page aligned: its last " + (buf.offset() + needed - length)
                    + " bytes cannot be mapped and show black");
            copy = ByteBuffer.allocateDirect((int) needed);
        }
        return new Mapping(buf, addr, length, copy);
    }

    private void sync(Mapping m, long phase) {
        Memory arg = new Memory(8);
        arg.setLong(0, SYNC_READ | phase);
        try {
            C.ioctl(m.buf.fd(), new NativeLong(DMA_BUF_IOCTL_SYNC), arg);
        } catch (LastErrorException e) {
            // Exporters without begin/end_cpu_access hooks still succeed; a failure here only
            // means no cache maintenance, so the read goes on.
            LOG.fine("DMA_BUF_IOCTL_SYNC: " + LibC.describe(e.getErrorCode()));
        }
    }

    private void endSync() {
        if (syncing != null) {
            sync(syncing, SYNC_END);
            syncing = null;
        }
    }

    @Override
    public void forget(DmaBuf buf) {
        Mapping m = mappings.remove(buf.fd());
        if (m == null) {
            return;
        }
        if (syncing == m) {
            endSync();
        }
        try {
            C.munmap(m.addr, new NativeLong(m.length));
        } catch (LastErrorException e) {
            LOG.fine("munmap: " + LibC.describe(e.getErrorCode()));
        }
    }

    @Override
    public void close() {
        for (Mapping m : mappings.values().toArray(new Mapping[0])) {
            forget(m.buf);
        }
    }
}
