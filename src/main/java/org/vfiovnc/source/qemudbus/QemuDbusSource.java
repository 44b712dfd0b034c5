package org.vfiovnc.source.qemudbus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.logging.Logger;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.source.dmabuf.CpuAccessForbiddenException;
import org.vfiovnc.source.dmabuf.DmaBuf;
import org.vfiovnc.source.dmabuf.DmaBufReader;
import org.vfiovnc.source.dmabuf.DmaBufReaders;
import org.vfiovnc.source.dmabuf.MmapDmaBufReader;
import org.vfiovnc.source.linux.LibC;
import org.vfiovnc.surface.DisplaySurface;

/**
 * A running VM's console through QEMU's D-Bus display ({@code -display dbus}): connects to the bus,
 * registers a {@link ConsoleListener} on {@code /org/qemu/Display1/Console_N} and serves what QEMU
 * sends it. When QEMU goes away the next {@link #acquire} throws, the refresh loop closes the
 * source and reopens it with backoff until QEMU is back.
 */
public final class QemuDbusSource implements DisplaySource {
    private static final Logger LOG = Logger.getLogger(QemuDbusSource.class.getName());
    static final String BUS_NAME = "org.qemu";
    static final String LISTENER_PATH = "/org/qemu/Display1/Listener";
    private static final long REGISTER_TIMEOUT_MS = 4000;
    private static final long OWNER_CHECK_NANOS = 1_000_000_000L;

    private final QemuDbusAddress address;
    private final String readback;
    private DBusConnection bus;
    private ListenerChannel channel;
    private ConsoleListener listener;
    private DBus dbus;
    private Display1Console console;
    /** QEMU's unique bus name when we attached: a restarted QEMU has another one. */
    private String owner;
    private long nextOwnerCheck;
    private volatile ConsoleInput input;
    private final ConsoleListener.Front front = new ConsoleListener.Front();
    private DmaBufReader reader;
    private ByteBuffer flipped;

    public QemuDbusSource(QemuDbusAddress address, String readback) {
        this.address = address;
        this.readback = readback;
    }

    /** {@code ADDRESS[,console=N]} as given after {@code qemu-dbus:}. */
    public static DisplaySource forSpec(String spec, String readback) {
        return new QemuDbusSource(QemuDbusAddress.parse(spec), readback);
    }

    @Override
    public synchronized void open() throws IOException {
        try {
            bus = DBusConnectionBuilder.forAddress(address.busAddress()).withShared(false).build();
        } catch (DBusException | RuntimeException e) {
            throw new SourceException("cannot connect to D-Bus at " + address.busAddress() + ": " + ListenerChannel.message(e), e);
        }
        try {
            String path = address.consolePath();
            console = bus.getRemoteObject(BUS_NAME, path, Display1Console.class);
            listener = new ConsoleListener();
            dbus = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            owner = dbus.GetNameOwner(BUS_NAME);
            channel = ListenerChannel.register(console, listener, REGISTER_TIMEOUT_MS);
            input = new ConsoleInput(bus.getRemoteObject(BUS_NAME, path, Display1Keyboard.class),
                    bus.getRemoteObject(BUS_NAME, path, Display1Mouse.class));
            LOG.info("attached to QEMU console " + address.console() + " on " + address.busAddress());
        } catch (IOException | DBusException | RuntimeException e) {
            close();
            throw new SourceException("QEMU console " + address.console() + " on " + address.busAddress()
                    + " not available: " + ListenerChannel.message(e), e);
        }
    }

    @Override
    public synchronized Optional<DisplaySurface> acquire() throws IOException {
        if (listener == null) {
            throw new SourceException("not open");
        }
        checkQemuStillThere();
        if (listener.stale()) {
            reregister();
        }
        for (DmaBuf old : listener.takeRetired()) {
            if (reader != null) {
                reader.forget(old);
            }
            closeFd(old.fd());
        }
        switch (listener.mode()) {
            case PIXELS:
                listener.copyDamage(front);
                return Optional.of(front.surface());
            case DMABUF:
                return Optional.of(readDmabuf(listener.dmabuf(), listener.y0Top(), listener.surfaceSerial()));
            case BAD_FORMAT:
                throw new SourceException("QEMU sent a surface this server cannot read: " + listener.badFormat());
            default:
                return Optional.empty();
        }
    }

    /** Replaces the listener with a fresh one, which QEMU greets with a Scanout of its current surface. */
    private void reregister() throws IOException {
        LOG.info("QEMU changed the surface without a scanout; registering again to get it");
        ConsoleListener fresh = new ConsoleListener();
        ListenerChannel ch = ListenerChannel.register(console, fresh, REGISTER_TIMEOUT_MS);
        ListenerChannel old = channel;
        channel = ch;
        retire(listener);
        listener = fresh;
        old.close();
    }

    /** At most once a second: is the QEMU we attached to still on the bus? */
    private void checkQemuStillThere() throws SourceException {
        if (!channel.isConnected()) {
            throw new SourceException("QEMU closed the display connection");
        }
        long now = System.nanoTime();
        if (now - nextOwnerCheck < 0) {
            return;
        }
        nextOwnerCheck = now + OWNER_CHECK_NANOS;
        String current;
        try {
            current = dbus.GetNameOwner(BUS_NAME);
        } catch (RuntimeException e) {
            current = null;
        }
        if (!owner.equals(current)) {
            throw new SourceException("QEMU left the bus (VM stopped or restarted)");
        }
    }

    private DisplaySurface readDmabuf(DmaBuf buf, boolean y0Top, long serial) throws IOException {
        if (reader == null) {
            reader = DmaBufReaders.create(readback.equals("auto") && !MmapDmaBufReader.supports(buf) ? "egl"
                    : readback.equals("auto") ? "mmap" : readback);
            LOG.info("readback: " + reader.name() + " for QEMU's dma-buf scanout");
        }
        DisplaySurface s;
        try {
            s = reader.read(buf, serial);
        } catch (CpuAccessForbiddenException e) {
            if (!readback.equals("auto")) {
                throw new SourceException("--readback " + readback + ": " + e.getMessage(), e);
            }
            LOG.info("readback: switching to egl because " + e.getMessage());
            reader.close();
            reader = DmaBufReaders.create("egl");
            s = reader.read(buf, serial);
        }
        return y0Top ? s : flip(s);
    }

    /** GL-rendered buffers can be stored bottom row first (y0_top false): turn them upright. */
    private DisplaySurface flip(DisplaySurface s) {
        int size = s.stride() * s.height();
        if (flipped == null || flipped.capacity() != size) {
            flipped = ByteBuffer.allocateDirect(size);
        }
        for (int row = 0; row < s.height(); row++) {
            flipped.put(row * s.stride(), s.pixels(), (s.height() - 1 - row) * s.stride(), s.stride());
        }
        return new DisplaySurface(s.width(), s.height(), s.stride(), s.layout(), flipped, s.serial());
    }

    @Override
    public Optional<CursorState> cursor() {
        ConsoleListener l = listener;
        return l == null ? Optional.empty() : Optional.ofNullable(l.cursor());
    }

    /** Keyboard and mouse of the console now attached, or null while detached. */
    ConsoleInput input() {
        return input;
    }

    /** Viewer input for this source: the console's own Keyboard and Mouse interfaces. */
    public org.vfiovnc.input.InputSink inputSink() {
        return new QemuDbusInputSink(this::input);
    }

    @Override
    public String describe() {
        return "qemu-dbus " + address.busAddress() + " console " + address.console();
    }

    @Override
    public synchronized void close() {
        input = null;
        dbus = null;
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (bus != null) {
            bus.disconnect();
            bus = null;
        }
        if (listener != null) {
            retire(listener);
            listener = null;
        }
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    /** Forgets and closes every dma-buf a listener still holds. */
    private void retire(ConsoleListener l) {
        l.disable();
        for (DmaBuf old : l.takeRetired()) {
            if (reader != null) {
                reader.forget(old);
            }
            closeFd(old.fd());
        }
    }

    private static void closeFd(int fd) {
        try {
            LibC.INSTANCE.close(fd);
        } catch (RuntimeException e) {
            LOG.fine("closing dma-buf fd " + fd + ": " + e);
        }
    }
}
