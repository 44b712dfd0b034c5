package org.vfiovnc.source.qemudbus;

import java.io.IOException;
import java.util.logging.Logger;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.vfiovnc.source.SourceException;

/**
 * One attachment to a QEMU console: our own bus connection (QEMU allows one listener per bus
 * client), the registered listener with its peer-to-peer channel, the console's input
 * interfaces and its SetUIInfo.
 */
final class Attachment implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Attachment.class.getName());
    static final String BUS_NAME = "org.qemu";
    private static final long REGISTER_TIMEOUT_MS = 4000;

    private final DBusConnection bus;
    private final DBus dbus;
    private final String owner;
    private final ListenerChannel channel;
    private final Properties consoleProperties;
    final ConsoleListener listener;
    final ConsoleInput input;
    final UiInfoRequest uiInfo;

    private Attachment(DBusConnection bus, DBus dbus, String owner, ListenerChannel channel, Properties consoleProperties,
            ConsoleListener listener, ConsoleInput input, UiInfoRequest uiInfo) {
        this.consoleProperties = consoleProperties;
        this.bus = bus;
        this.dbus = dbus;
        this.owner = owner;
        this.channel = channel;
        this.listener = listener;
        this.input = input;
        this.uiInfo = uiInfo;
    }

    static Attachment attach(QemuDbusAddress address) throws SourceException {
        DBusConnection bus;
        try {
            bus = DBusConnectionBuilder.forAddress(address.busAddress()).withShared(false).build();
        } catch (DBusException | RuntimeException e) {
            throw new SourceException("cannot connect to D-Bus at " + address.busAddress() + ": "
                    + ListenerChannel.message(e), e);
        }
        try {
            String path = address.consolePath();
            DBus dbus = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            String owner = dbus.GetNameOwner(BUS_NAME);
            Display1Console console = bus.getRemoteObject(BUS_NAME, path, Display1Console.class);
            ConsoleListener listener = new ConsoleListener();
            ListenerChannel channel = ListenerChannel.register(console, listener, REGISTER_TIMEOUT_MS);
            ConsoleInput input = new ConsoleInput(bus.getRemoteObject(BUS_NAME, path, Display1Keyboard.class),
                    bus.getRemoteObject(BUS_NAME, path, Display1Mouse.class));
            Properties props = bus.getRemoteObject(BUS_NAME, path, Properties.class);
            return new Attachment(bus, dbus, owner, channel, props, listener, input, new UiInfoRequest(bus, path));
        } catch (IOException | DBusException | RuntimeException e) {
            bus.disconnect();
            throw new SourceException("QEMU console " + address.console() + " on " + address.busAddress()
                    + " not available: " + ListenerChannel.message(e), e);
        }
    }

    /** Whether the QEMU we attached to still owns its bus name (a restarted QEMU has another unique name). */
    boolean qemuStillThere() {
        if (!channel.isConnected()) {
            return false;
        }
        try {
            return owner.equals(dbus.GetNameOwner(BUS_NAME));
        } catch (RuntimeException e) {
            LOG.fine("GetNameOwner: " + e);
            return false;
        }
    }

    /** The console's size as QEMU reports it now ({@code Width}, {@code Height}), or null when it does not answer. */
    int[] consoleSize() {
        try {
            Number w = consoleProperties.Get("org.qemu.Display1.Console", "Width");
            Number h = consoleProperties.Get("org.qemu.Display1.Console", "Height");
            return new int[] {w.intValue(), h.intValue()};
        } catch (RuntimeException e) {
            LOG.fine("console size: " + e);
            return null;
        }
    }

    @Override
    public void close() {
        channel.close();
        bus.disconnect();
    }
}
