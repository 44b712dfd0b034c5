package org.vfiovnc.source.qemudbus;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;
import org.vfiovnc.input.GuestClipboard;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.source.dmabuf.DmaBuf;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.source.linux.LibC;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.SizeRequest;

/**
 * A running VM's console through QEMU's D-Bus display ({@code -display dbus}): registers a
 * {@link ConsoleListener} on {@code /org/qemu/Display1/Console_N} and serves what QEMU sends it.
 * When QEMU goes away the next {@link #acquire} throws; the refresh loop closes the source and
 * reopens it with backoff until QEMU is back.
 */
public final class QemuDbusSource implements DisplaySource {
    private static final Logger LOG = Logger.getLogger(QemuDbusSource.class.getName());
    static final String LISTENER_PATH = "/org/qemu/Display1/Listener";
    private static final long OWNER_CHECK_NANOS = 1_000_000_000L;
    /** dbus-java logs every connection it opens at INFO; the server logs what matters itself. Held: JUL keeps loggers weakly. */
    private static final Logger DBUS_JAVA = quietDbusJava();

    private final QemuDbusAddress address;
    private Attachment attachment;
    private volatile ConsoleInput input;
    /** The attached console's SetUIInfo, for viewers' size requests (on their threads, while acquire runs). */
    private volatile UiInfoRequest uiInfo;
    private long nextOwnerCheck;
    private int[] sizeTriedOnce;
    private final ConsoleListener.Front front = new ConsoleListener.Front();
    private final DmaBufScanoutReader dmabufs;

    /** @param readback how dma-buf scanouts are read */
    public QemuDbusSource(QemuDbusAddress address, Readback readback) {
        this.address = address;
        this.dmabufs = new DmaBufScanoutReader(readback);
    }

    private static Logger quietDbusJava() {
        Logger l = Logger.getLogger("org.freedesktop.dbus");
        if (l.getLevel() == null) {
            l.setLevel(java.util.logging.Level.WARNING);
        }
        return l;
    }

    /** {@code ADDRESS[,console=N]} as given after {@code qemu-dbus:}. */
    public static DisplaySource forSpec(String spec, Readback readback) {
        return new QemuDbusSource(QemuDbusAddress.parse(spec), readback);
    }

    @Override
    public synchronized void open() throws IOException {
        attachment = Attachment.attach(address);
        input = attachment.input;
        uiInfo = attachment.uiInfo;
        front.clear();
        nextOwnerCheck = System.nanoTime() + OWNER_CHECK_NANOS;
        LOG.info("attached to QEMU console " + address.console() + " on " + address.busAddress());
    }

    @Override
    public synchronized Optional<DisplaySurface> acquire() throws IOException {
        if (attachment == null) {
            throw new SourceException("not open");
        }
        if (checkQemuStillThere() && consoleResizedBehindOurBack() || attachment.listener.stale()) {
            reattach();
        }
        ConsoleListener listener = attachment.listener;
        for (DmaBuf old : listener.takeRetired()) {
            forget(old);
        }
        switch (listener.mode()) {
            case PIXELS:
                listener.copyDamage(front);
                return Optional.of(front.surface());
            case DMABUF:
                return Optional.of(dmabufs.read(listener.dmabuf(), listener.y0Top(), listener.surfaceSerial()));
            case BAD_FORMAT:
                throw new SourceException("QEMU sent a surface this server cannot read: " + listener.badFormat());
            case NONE:
                // Right after attaching again, until QEMU's Scanout arrives: keep showing the last picture.
                return front.hasSurface() ? Optional.of(front.surface()) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /**
     * At most once a second: is the QEMU we attached to still on the bus? True when it checked
     * (the caller then also compares the console's size: a surface switch without a Scanout that
     * shrinks the screen leaves no out-of-bounds Update to notice it by).
     */
    private boolean checkQemuStillThere() throws SourceException {
        long now = System.nanoTime();
        if (now - nextOwnerCheck < 0) {
            return false;
        }
        nextOwnerCheck = now + OWNER_CHECK_NANOS;
        if (!attachment.qemuStillThere()) {
            throw new SourceException("QEMU left the bus (VM stopped or restarted)");
        }
        return true;
    }

    /**
     * Whether the console's Width/Height differ from our surface. A size that a fresh attachment did
     * not resolve is not acted on again, so a property that lags cannot make us attach every second.
     */
    private boolean consoleResizedBehindOurBack() {
        int[] size = attachment.consoleSize();
        if (!attachment.listener.sizeDiffers(size)) {
            sizeTriedOnce = null;
            return false;
        }
        if (java.util.Arrays.equals(size, sizeTriedOnce)) {
            return false;
        }
        sizeTriedOnce = size;
        return true;
    }

    /**
     * QEMU 7.2 can switch a console to a new surface without a Scanout (seen with VGA text mode).
     * Noticed by an Update outside our surface or by the console's Width/Height properties.
     * A new listener is greeted with a Scanout of the current surface, so attach again (on a new
     * bus connection: QEMU keeps one listener per client) and then drop the old attachment.
     */
    private void reattach() throws SourceException {
        LOG.info("QEMU changed its surface without a scanout; attaching again to get it");
        Attachment fresh = Attachment.attach(address);
        Attachment old = attachment;
        attachment = fresh;
        input = fresh.input;
        uiInfo = fresh.uiInfo;
        retire(old);
    }

    @Override
    public Optional<CursorState> cursor() {
        Attachment a = attachment;
        return a == null ? Optional.empty() : Optional.ofNullable(a.listener.cursor());
    }

    /** Viewer input for this source: the attached console's own Keyboard and Mouse interfaces. */
    public InputSink inputSink() {
        return new QemuDbusInputSink(() -> input);
    }

    /** The guest's clipboard through this QEMU's D-Bus clipboard; guest text over {@code maxBytes} is not passed on. */
    public GuestClipboard clipboard(int maxBytes) {
        return new QemuDbusClipboard(address.busAddress(), maxBytes);
    }

    /** Passed to the console's display device as the viewer's window size (see {@link UiInfoRequest}). */
    @Override
    public SizeRequest requestSize(int width, int height) {
        UiInfoRequest request = uiInfo;
        return request == null ? SizeRequest.UNAVAILABLE : request.send(width, height);
    }

    @Override
    public String describe() {
        return "qemu-dbus " + address.busAddress() + " console " + address.console();
    }

    @Override
    public synchronized void close() {
        input = null;
        uiInfo = null;
        if (attachment != null) {
            retire(attachment);
            attachment = null;
        }
        dmabufs.close();
    }

    /**
     * Stops using an attachment: its listener drops what still comes and its dma-bufs are forgotten
     * and closed here; the connection closes on a thread of its own, because dbus-java's disconnect
     * waits until the calls QEMU queued on it were handled, which after a burst of full-screen
     * updates (a guest redrawing at a new size) took seconds and counted as a hung source.
     */
    private void retire(Attachment a) {
        a.listener.disable();
        for (DmaBuf old : a.listener.takeRetired()) {
            forget(old);
        }
        Thread closer = new Thread(() -> {
            a.close();
            // A dma-buf that came in meanwhile was never read: only its fd is ours to close.
            a.listener.disable();
            for (DmaBuf late : a.listener.takeRetired()) {
                closeFd(late);
            }
        }, "qemu-dbus-retire");
        closer.setDaemon(true);
        closer.start();
    }

    private void forget(DmaBuf buf) {
        dmabufs.forget(buf);
        closeFd(buf);
    }

    private static void closeFd(DmaBuf buf) {
        try {
            LibC.INSTANCE.close(buf.fd());
        } catch (RuntimeException e) {
            LOG.fine("closing dma-buf fd " + buf.fd() + ": " + e);
        }
    }
}
