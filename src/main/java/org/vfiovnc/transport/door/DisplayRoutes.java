package org.vfiovnc.transport.door;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.vfiovnc.transport.ConnectionHandler;

/**
 * Routes on a port several displays share: {@code /vm/NAME/} is display NAME's page (the web
 * directory's files below that prefix) and {@code /vm/NAME/websockify}, or any WebSocket under the
 * prefix, its RFB server. Native viewers bring no path: the host logs them in by user name, or they
 * go to a display's own port. Displays
 * come and go while the port stays open (a reload), so lookups see the table as it is now.
 */
public final class DisplayRoutes implements DoorRoutes {
    /** The prefix of every display's path. */
    public static final String PREFIX = "/vm/";
    /** Names that are one path segment without escaping, and cannot be "." or "..". */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    private final ConcurrentHashMap<String, ConnectionHandler> displays = new ConcurrentHashMap<>();

    /** Whether {@code name} can be a display's name here; when not, {@link #describeNames} says what can. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static String describeNames() {
        return "1-64 letters, digits, '.', '_' or '-', not starting with '.' or '-'";
    }

    /** Routes {@code /vm/NAME/} to {@code rfb} from now on, in place of any display there before. */
    public void put(String name, ConnectionHandler rfb) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("bad display name '" + name + "': " + describeNames());
        }
        displays.put(name, rfb);
    }

    /** Stops routing to {@code name}, if it still routes to {@code rfb}. */
    public void remove(String name, ConnectionHandler rfb) {
        displays.remove(name, rfb);
    }

    public Set<String> names() {
        return new TreeSet<>(displays.keySet());
    }

    @Override
    public ConnectionHandler nativeViewers() {
        return null;
    }

    @Override
    public Route route(String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        int slash = path.indexOf('/', PREFIX.length());
        String name = path.substring(PREFIX.length(), slash < 0 ? path.length() : slash);
        ConnectionHandler rfb = displays.get(name);
        if (rfb == null) {
            return null;
        }
        return new Route(rfb, slash < 0 ? null : path.substring(slash));
    }
}
