package org.vfiovnc.source.qemudbus;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.vfiovnc.source.dmabuf.DmaBuf;
import org.vfiovnc.source.dmabuf.DmaBufSize;
import org.vfiovnc.surface.CursorImage;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/**
 * The Listener object QEMU calls. It only records what QEMU sends — pixels into a back buffer with
 * the damaged rows, the current dma-buf, the cursor — under one lock; {@link QemuDbusSource#acquire}
 * takes a consistent picture from it. Calls arrive on one D-Bus thread, in QEMU's order.
 */
final class ConsoleListener implements Display1Listener {
    private static final Logger LOG = Logger.getLogger(ConsoleListener.class.getName());
    /** Largest surface accepted, so a confused peer cannot make us allocate without bound. */
    private static final int MAX_SIDE = 16384;

    /** What the console shows now. */
    enum Mode { NONE, PIXELS, DMABUF, DISABLED, BAD_FORMAT }

    /** Surface serials unique across listeners, so a new attachment's first surface is never taken for the old one. */
    private static final AtomicLong SERIALS = new AtomicLong();

    private Mode mode = Mode.NONE;
    /** An update did not fit the surface: QEMU's surface changed without telling us. */
    private boolean stale;
    private String badFormat = "";
    // PIXELS: QEMU's surface, our copy.
    private ByteBuffer back;
    private int width;
    private int height;
    private int stride;
    private PixelLayout layout;
    private long surfaceSerial;
    private int dirtyTop = Integer.MAX_VALUE;
    private int dirtyBottom = -1;
    // DMABUF: the buffer QEMU gave us (we own the fd) and whether it is stored bottom-up.
    private DmaBuf dmabuf;
    private boolean y0Top = true;
    private final List<DmaBuf> retired = new ArrayList<>();
    // Cursor.
    private CursorImage cursorImage;
    private int cursorX = -1;
    private int cursorY = -1;
    private boolean cursorVisible = true;
    private long cursorSerial;

    @Override
    public String getObjectPath() {
        return QemuDbusSource.LISTENER_PATH;
    }

    @Override
    public synchronized void scanout(UInt32 w, UInt32 h, UInt32 strideBytes, UInt32 pixmanFormat, byte[] data) {
        Optional<PixelLayout> l = PixmanFormats.layout(pixmanFormat.intValue());
        long wl = w.longValue();
        long hl = h.longValue();
        long sl = strideBytes.longValue();
        forgetDmabuf();
        if (l.isEmpty()) {
            mode = Mode.BAD_FORMAT;
            badFormat = PixmanFormats.describe(pixmanFormat.intValue());
            LOG.warning("QEMU scanout in unsupported " + badFormat);
            return;
        }
        if (wl < 1 || hl < 1 || wl > MAX_SIDE || hl > MAX_SIDE || sl < wl * l.get().bytesPerPixel()
                || sl * hl > data.length) {
            mode = Mode.BAD_FORMAT;
            badFormat = "scanout " + wl + "x" + hl + " stride " + sl + " with " + data.length + " bytes";
            LOG.warning("QEMU sent an inconsistent " + badFormat);
            return;
        }
        width = (int) wl;
        height = (int) hl;
        stride = (int) sl;
        layout = l.get();
        back = ByteBuffer.allocateDirect(stride * height).order(ByteOrder.LITTLE_ENDIAN);
        back.put(0, data, 0, stride * height);
        surfaceSerial = SERIALS.incrementAndGet();
        markDirty(0, height);
        mode = Mode.PIXELS;
    }

    @Override
    public synchronized void update(int x, int y, int w, int h, UInt32 strideBytes, UInt32 pixmanFormat, byte[] data) {
        if (mode != Mode.PIXELS) {
            return;
        }
        Optional<PixelLayout> l = PixmanFormats.layout(pixmanFormat.intValue());
        long srcStride = strideBytes.longValue();
        if (l.isEmpty() || l.get() != layout) {
            // QEMU composes updates in the surface's format; anything else would be misread.
            LOG.fine("update in " + PixmanFormats.describe(pixmanFormat.intValue()) + " ignored");
            return;
        }
        int bpp = layout.bytesPerPixel();
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x > width - w || y > height - h
                || srcStride < (long) w * bpp || srcStride * (h - 1) + (long) w * bpp > data.length) {
            // QEMU 7.2 can switch a console's surface without a Scanout (seen with VGA text mode):
            // the source then registers again, which makes QEMU send the current surface.
            LOG.fine("update " + w + "x" + h + "+" + x + "+" + y + " outside the " + width + "x" + height + " surface");
            stale = true;
            return;
        }
        for (int row = 0; row < h; row++) {
            back.put((y + row) * stride + x * bpp, data, (int) (row * srcStride), w * bpp);
        }
        markDirty(y, y + h);
    }

    @Override
    public synchronized void scanoutDmabuf(FileDescriptor fd, UInt32 w, UInt32 h, UInt32 strideBytes, UInt32 fourcc,
            UInt64 modifier, boolean top) {
        forgetDmabuf();
        int n = fd.getIntFileDescriptor();
        dmabuf = new DmaBuf(n, w.intValue(), h.intValue(), strideBytes.intValue(), 0,
                fourcc.intValue(), modifier.longValue(), DmaBufSize.orZero(n));
        y0Top = top;
        surfaceSerial = SERIALS.incrementAndGet();
        mode = Mode.DMABUF;
    }

    @Override
    public void updateDmabuf(int x, int y, int w, int h) {
        // The buffer is read whole each tick and diffed; the hint adds nothing the differ does not find.
    }

    @Override
    public synchronized void disable() {
        forgetDmabuf();
        mode = Mode.DISABLED;
    }

    @Override
    public synchronized void mouseSet(int x, int y, int on) {
        cursorX = x;
        cursorY = y;
        cursorVisible = on != 0;
        cursorSerial++;
    }

    @Override
    public synchronized void cursorDefine(int w, int h, int hotX, int hotY, byte[] data) {
        if (w < 1 || h < 1 || w > 512 || h > 512 || (long) w * h * 4 > data.length) {
            LOG.fine("cursor " + w + "x" + h + " with " + data.length + " bytes ignored");
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = b.getInt(i * 4);
        }
        cursorImage = new CursorImage(w, h, Math.max(0, Math.min(hotX, w - 1)), Math.max(0, Math.min(hotY, h - 1)), argb);
        cursorSerial++;
    }

    private void markDirty(int top, int bottom) {
        dirtyTop = Math.min(dirtyTop, top);
        dirtyBottom = Math.max(dirtyBottom, bottom);
    }

    /** Keeps a replaced dma-buf until the source has let its reader forget it (then closes its fd). */
    private void forgetDmabuf() {
        if (dmabuf != null) {
            retired.add(dmabuf);
            dmabuf = null;
        }
    }

    synchronized boolean stale() {
        return stale;
    }

    /** Whether the pixel surface we hold has another size than {@code size} (QEMU's console properties). */
    synchronized boolean sizeDiffers(int[] size) {
        return mode == Mode.PIXELS && size != null && (size[0] != width || size[1] != height);
    }

    synchronized Mode mode() {
        return mode;
    }

    synchronized String badFormat() {
        return badFormat;
    }

    /** The current dma-buf and whether row 0 is the top, or null. */
    synchronized DmaBuf dmabuf() {
        return dmabuf;
    }

    synchronized boolean y0Top() {
        return y0Top;
    }

    synchronized long surfaceSerial() {
        return surfaceSerial;
    }

    /** Dma-bufs that QEMU replaced; the caller forgets them in its reader and closes their fds. */
    synchronized List<DmaBuf> takeRetired() {
        List<DmaBuf> r = new ArrayList<>(retired);
        retired.clear();
        return r;
    }

    /**
     * Copies the rows QEMU changed since the last call into {@code front} (which must have this
     * surface's geometry; a new surface is copied whole) and returns the copied row range, or null
     * when nothing changed.
     */
    synchronized int[] copyDamage(Front front) {
        if (mode != Mode.PIXELS) {
            return null;
        }
        if (!front.matches(width, height, stride, layout, surfaceSerial)) {
            front.reset(width, height, stride, layout, surfaceSerial);
            dirtyTop = 0;
            dirtyBottom = height;
        }
        if (dirtyBottom <= dirtyTop) {
            return null;
        }
        int from = dirtyTop * stride;
        int len = (dirtyBottom - dirtyTop) * stride;
        front.buffer().put(from, back, from, len);
        int[] rows = {dirtyTop, dirtyBottom};
        dirtyTop = Integer.MAX_VALUE;
        dirtyBottom = -1;
        return rows;
    }

    /** The cursor as the server wants it; a hidden cursor is a transparent 1x1 image. */
    synchronized CursorState cursor() {
        if (cursorImage == null && cursorVisible) {
            return null;
        }
        CursorImage img = cursorVisible ? cursorImage : new CursorImage(1, 1, 0, 0, new int[1]);
        return new CursorState(img, cursorX, cursorY, cursorSerial);
    }

    /** The source's stable copy of the surface: what {@code acquire} hands to the differ. */
    static final class Front {
        private ByteBuffer buffer;
        private int width;
        private int height;
        private int stride;
        private PixelLayout layout;
        private long serial = -1;

        boolean matches(int w, int h, int s, PixelLayout l, long ser) {
            return buffer != null && w == width && h == height && s == stride && l == layout && ser == serial;
        }

        void reset(int w, int h, int s, PixelLayout l, long ser) {
            if (buffer == null || buffer.capacity() != s * h) {
                buffer = ByteBuffer.allocateDirect(s * h).order(ByteOrder.LITTLE_ENDIAN);
            }
            width = w;
            height = h;
            stride = s;
            layout = l;
            serial = ser;
        }

        ByteBuffer buffer() {
            return buffer;
        }

        boolean hasSurface() {
            return buffer != null;
        }

        /** Forgets the picture (a new attachment starts from QEMU's next Scanout). */
        void clear() {
            buffer = null;
            serial = -1;
        }

        DisplaySurface surface() {
            return new DisplaySurface(width, height, stride, layout, buffer, serial);
        }
    }
}
