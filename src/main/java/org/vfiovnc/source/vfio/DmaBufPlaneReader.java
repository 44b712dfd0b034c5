package org.vfiovnc.source.vfio;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.vfiovnc.source.dmabuf.ChosenReader;
import org.vfiovnc.source.dmabuf.DmaBuf;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.surface.CursorImage;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.DisplaySurface;

/**
 * Dma-buf planes: each tick asks for the primary plane, fetches a dma-buf fd only for a dmabuf_id
 * not seen before (a small cache; evicted fds are closed) and reads it back with the chosen
 * reader. The cursor plane, when the device has one, becomes the cursor shape and position.
 */
final class DmaBufPlaneReader implements PlaneReader {
    private static final Logger LOG = Logger.getLogger(DmaBufPlaneReader.class.getName());
    static final int CACHE_SIZE = 8;
    /** mbochs answers ENOMEM to the first query after a mode change; the next one succeeds. */
    static final int ENOMEM_RETRIES = 3;

    private final VfioDevice device;
    private final ChosenReader reader;
    private final BufferCache primary;
    private final BufferCache cursors;
    private boolean cursorPlaneWorks = true;
    private CursorState cursor;
    private int[] cursorPixels;
    private long serial;
    private long cursorSerial;
    private DmaBuf current;

    DmaBufPlaneReader(VfioDevice device, Readback readback) {
        this.device = device;
        this.reader = new ChosenReader(readback, "the device's dma-buf planes");
        this.primary = new BufferCache(CACHE_SIZE);
        this.cursors = new BufferCache(2);
    }

    @Override
    public Optional<DisplaySurface> acquire() throws IOException {
        PlaneInfo p = query(VfioIoctl.DRM_PLANE_TYPE_PRIMARY);
        if (p.isEmpty()) {
            current = null;
            return Optional.empty();
        }
        DmaBuf buf = primary.get(p);
        if (!buf.equals(current)) {
            serial++;
            current = buf;
        }
        DisplaySurface s = reader.read(buf, serial);
        updateCursor();
        return Optional.of(s);
    }

    private PlaneInfo query(int drmPlaneType) throws VfioErrnoException {
        return query(device, drmPlaneType);
    }

    /** Asks for a dma-buf plane, again after mbochs' one ENOMEM following a mode change. */
    static PlaneInfo query(VfioDevice device, int drmPlaneType) throws VfioErrnoException {
        for (int attempt = 1; ; attempt++) {
            try {
                return device.queryPlane(VfioIoctl.VFIO_GFX_PLANE_TYPE_DMABUF, drmPlaneType);
            } catch (VfioErrnoException e) {
                if (e.errno() != org.vfiovnc.source.linux.LibC.ENOMEM || attempt >= ENOMEM_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private void updateCursor() {
        if (!cursorPlaneWorks) {
            return;
        }
        try {
            PlaneInfo c = query(VfioIoctl.DRM_PLANE_TYPE_CURSOR);
            if (c.isEmpty() || c.width() > 256 || c.height() > 256) {
                cursor = null;
                return;
            }
            DmaBuf buf = cursors.get(c);
            DisplaySurface s = reader.read(buf, 0);
            int[] argb = new int[c.width() * c.height()];
            for (int y = 0; y < c.height(); y++) {
                for (int x = 0; x < c.width(); x++) {
                    int rgb = s.canonicalPixel(x, y);
                    int alpha = s.layout().name().startsWith("A") ? s.pixels().get(y * s.stride() + x * 4 + 3) & 0xff : 0xff;
                    argb[y * c.width() + x] = alpha << 24 | rgb;
                }
            }
            boolean same = cursor != null && Arrays.equals(argb, cursorPixels) && cursor.x() == c.xPos() && cursor.y() == c.yPos();
            if (!same) {
                cursorPixels = argb;
                cursor = new CursorState(new CursorImage(c.width(), c.height(), c.xHot(), c.yHot(), argb), c.xPos(), c.yPos(),
                        ++cursorSerial);
            }
        } catch (IOException | RuntimeException e) {
            // Most devices (mbochs among them) have no cursor plane: stop asking after the first refusal.
            cursorPlaneWorks = false;
            cursor = null;
            LOG.fine("no cursor plane: " + e.getMessage());
        }
    }

    @Override
    public Optional<CursorState> cursor() {
        return Optional.ofNullable(cursor);
    }

    @Override
    public String describe() {
        return "dma-buf plane, " + reader.name() + " readback";
    }

    /** The reader chosen so far (null before the first buffer). */
    String readerName() {
        return reader.chosen() ? reader.name() : null;
    }

    @Override
    public void close() {
        primary.clear();
        cursors.clear();
        reader.close();
    }

    /** dmabuf_id → fd, least recently used evicted (its reader state dropped and fd closed). */
    private final class BufferCache {
        private final int max;
        private final LinkedHashMap<Integer, DmaBuf> byId = new LinkedHashMap<>(16, 0.75f, true);

        BufferCache(int max) {
            this.max = max;
        }

        DmaBuf get(PlaneInfo p) throws VfioErrnoException {
            DmaBuf buf = byId.get(p.id());
            if (buf != null && (buf.width() != p.width() || buf.height() != p.height() || buf.stride() != p.stride()
                    || buf.fourcc() != p.drmFormat() || buf.modifier() != p.modifier())) {
                drop(byId.remove(p.id()));
                buf = null;
            }
            if (buf == null) {
                int fd = device.gfxDmabuf(p.id());
                long size = p.size() != 0 ? Integer.toUnsignedLong(p.size()) : (long) p.stride() * p.height();
                buf = new DmaBuf(fd, p.width(), p.height(), p.stride(), 0, p.drmFormat(), p.modifier(), size);
                byId.put(p.id(), buf);
                Iterator<Map.Entry<Integer, DmaBuf>> it = byId.entrySet().iterator();
                while (byId.size() > max && it.hasNext()) {
                    DmaBuf old = it.next().getValue();
                    it.remove();
                    drop(old);
                }
            }
            return buf;
        }

        private void drop(DmaBuf buf) {
            reader.forget(buf);
            if (buf.equals(current)) {
                current = null;
            }
            VfioDevice.closeQuietly(buf.fd());
        }

        void clear() {
            for (DmaBuf b : byId.values()) {
                drop(b);
            }
            byId.clear();
        }
    }
}
