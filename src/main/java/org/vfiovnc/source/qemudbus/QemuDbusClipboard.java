package org.vfiovnc.source.qemudbus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.types.UInt32;
import org.vfiovnc.input.GuestClipboard;

/**
 * The guest's clipboard through QEMU's {@code org.qemu.Display1.Clipboard} (fed by
 * {@code -chardev qemu-vdagent,clipboard=on} and the guest's spice-vdagent): we register as QEMU's
 * clipboard client on a bus connection of our own and export the same interface for QEMU's calls.
 * A viewer's text becomes our grab (QEMU asks for it when the guest pastes); a guest grab makes us
 * fetch its text at once and hand it to the listeners. Serials: the count of grabs since QEMU last
 * reset it; ours is the one after the highest seen, and a guest grab below that lost a race and is
 * dropped. D-Bus calls run on one thread of our own; QEMU away means a new registration once it is
 * back. Text is never logged, only sizes.
 */
public final class QemuDbusClipboard implements GuestClipboard {
    private static final Logger LOG = Logger.getLogger(QemuDbusClipboard.class.getName());
    private static final UInt32 CLIPBOARD = new UInt32(0);
    private static final long CHECK_SECONDS = 2;

    private final String busAddress;
    private final int maxBytes;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService worker;
    private final Peer peer = new Peer();
    // Used on the worker thread only.
    private volatile DBusConnection bus;
    private Display1Clipboard qemu;
    private volatile String registeredOwner;
    private String lastProblem;
    // Guarded by this: shared with QEMU's calls, which come on dbus-java's threads.
    private long serial;
    private byte[] viewerText;
    private boolean weHoldIt;

    /** @param maxBytes guest text larger than this is not fetched on to viewers */
    public QemuDbusClipboard(String busAddress, int maxBytes) {
        this.busAddress = busAddress;
        this.maxBytes = maxBytes;
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "qemu-dbus-clipboard");
            t.setDaemon(true);
            return t;
        });
        w.setRemoveOnCancelPolicy(true);
        this.worker = w;
        worker.scheduleWithFixedDelay(this::ensureRegistered, 0, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public boolean available() {
        return true;
    }

    /** Whether we are QEMU's registered clipboard client now. */
    public boolean registered() {
        return registeredOwner != null;
    }

    /** Our unique name on the bus, where QEMU finds our side of the clipboard; null before connecting. */
    String busName() {
        DBusConnection b = bus;
        return b == null ? null : b.getUniqueName();
    }

    @Override
    public void fromViewer(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        worker.execute(() -> grab(utf8));
    }

    @Override
    public void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<String> listener) {
        listeners.remove(listener);
    }

    /** Connects and registers when not registered with the QEMU that owns the bus name now. */
    private void ensureRegistered() {
        try {
            if (bus == null) {
                bus = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
                bus.exportObject(Display1Clipboard.PATH, peer);
                qemu = bus.getRemoteObject(Attachment.BUS_NAME, Display1Clipboard.PATH, Display1Clipboard.class);
            }
            String owner = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class)
                    .GetNameOwner(Attachment.BUS_NAME);
            if (owner.equals(registeredOwner)) {
                return;
            }
            registeredOwner = null;
            qemu.register();
            synchronized (this) {
                serial = 0;
                weHoldIt = false;
            }
            registeredOwner = owner;
            lastProblem = null;
            LOG.info("guest clipboard: registered with QEMU's D-Bus clipboard on " + busAddress);
        } catch (DBusException | RuntimeException e) {
            registeredOwner = null;
            String msg = ListenerChannel.message(e);
            if (!msg.equals(lastProblem)) {
                lastProblem = msg;
                LOG.warning("guest clipboard: QEMU's D-Bus clipboard on " + busAddress + " not available: " + msg
                        + "; trying again every " + CHECK_SECONDS + " s");
            }
            if (bus != null && !bus.isConnected()) {
                bus = null;
            }
        }
    }

    /** A viewer's text: ours to offer, with the serial after the highest seen. */
    private void grab(byte[] utf8) {
        ensureRegistered();
        if (registeredOwner == null) {
            LOG.info("guest clipboard: QEMU not reachable; viewer text of " + utf8.length + " bytes dropped");
            return;
        }
        long s;
        synchronized (this) {
            viewerText = utf8;
            weHoldIt = true;
            s = ++serial;
        }
        try {
            qemu.grab(CLIPBOARD, new UInt32(s), List.of(Display1Clipboard.TEXT));
            LOG.fine(() -> "guest clipboard: offered " + utf8.length + " bytes from a viewer");
        } catch (RuntimeException e) {
            LOG.warning("guest clipboard: QEMU refused our grab: " + ListenerChannel.message(e));
            registeredOwner = null;
        }
    }

    /** The guest holds text now (grab with serial {@code s}): fetch it and tell the listeners. */
    private void fetchGuestText(long s) {
        synchronized (this) {
            if (s != serial || weHoldIt) {
                return; // a newer grab came meanwhile
            }
        }
        byte[] data;
        try {
            Display1Clipboard.Content<String, byte[]> c = qemu.request(CLIPBOARD, List.of(Display1Clipboard.TEXT));
            if (!Display1Clipboard.TEXT.equals(c.getMime())) {
                LOG.info("guest clipboard: QEMU answered with " + c.getMime() + "; ignored");
                return;
            }
            data = c.getData();
        } catch (RuntimeException e) {
            LOG.info("guest clipboard: could not fetch the guest's text: " + ListenerChannel.message(e));
            return;
        }
        if (data.length > maxBytes) {
            LOG.info("guest clipboard: guest text of " + data.length + " bytes exceeds the limit of " + maxBytes
                    + "; not sent to viewers");
            return;
        }
        int end = data.length;
        while (end > 0 && data[end - 1] == 0) {
            end--; // some agents count a terminating NUL
        }
        String text = new String(data, 0, end, StandardCharsets.UTF_8);
        LOG.fine(() -> "guest clipboard: " + text.length() + " characters from the guest");
        for (Consumer<String> l : listeners) {
            l.accept(text);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        DBusConnection b = bus;
        if (b != null) {
            b.disconnect();
        }
    }

    /** What QEMU calls on us. Quick answers only: QEMU waits for Request with its main loop. */
    private final class Peer implements Display1Clipboard {
        @Override
        public String getObjectPath() {
            return PATH;
        }

        @Override
        public void register() {
            synchronized (QemuDbusClipboard.this) {
                serial = 0; // the guest's agent (re)connected: counting starts again
                weHoldIt = false;
            }
        }

        @Override
        public void unregister() {
            registeredOwner = null;
        }

        @Override
        public void grab(UInt32 selection, UInt32 s, List<String> mimes) {
            if (selection.intValue() != 0) {
                return; // only the clipboard, not the primary selection
            }
            long grabSerial = s.longValue();
            synchronized (QemuDbusClipboard.this) {
                if (grabSerial < serial) {
                    return; // lost a race to a newer grab of ours
                }
                serial = grabSerial;
                weHoldIt = false;
                viewerText = null;
            }
            if (mimes.contains(TEXT)) {
                worker.execute(() -> fetchGuestText(grabSerial));
            }
        }

        @Override
        public void release(UInt32 selection) {
            // The guest's clipboard emptied: viewers keep what they have.
        }

        @Override
        public Content<String, byte[]> request(UInt32 selection, List<String> mimes) {
            byte[] text;
            synchronized (QemuDbusClipboard.this) {
                text = weHoldIt && selection.intValue() == 0 && mimes.contains(TEXT) ? viewerText : null;
            }
            if (text == null) {
                throw new DBusExecutionException("Empty clipboard");
            }
            return new Content<>(TEXT, text);
        }
    }
}
