package org.vfiovnc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vfiovnc.transport.door.DisplayRoutes;

/**
 * Displays host finds by itself, from two sections of its file. {@code mdev-displays:} makes each
 * mediated device (vGPU) under {@code devices} (default /sys/bus/mdev/devices) a display named by
 * its UUID, source {@code vfio:UUID}. {@code qemu-dbus-displays:} makes each D-Bus socket matching
 * {@code sockets} (one '*', e.g. /run/vm/{@literal *}/dbus.sock) a display named by what the '*'
 * stands for, source {@code qemu-dbus:unix:path=SOCKET}. Either way {@code keys} are each such
 * display's keys, {@code {name}} (and {@code {uuid}}) in a value standing for its name; a device or
 * socket a named display's keys mention is left to it. Listed at start and at every reload.
 */
final class Discovery {
    static final String MDEV = "mdev-displays";
    static final String QEMU_DBUS = "qemu-dbus-displays";
    static final Path DEFAULT_DEVICES = Path.of("/sys/bus/mdev/devices");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private Discovery() {}

    static boolean isSection(String key) {
        return key.equals(MDEV) || key.equals(QEMU_DBUS);
    }

    /**
     * Each display found, its keys by its name, in name order.
     *
     * @param taken what the named displays' keys say: a device or socket one of them mentions is left alone
     */
    static Map<String, JsonNode> displays(Path file, String name, JsonNode section, List<String> taken)
            throws HostConfigFile.ConfigException {
        String where = file + ": " + name + ": ";
        String whereKey = name.equals(MDEV) ? "devices" : "sockets";
        if (!section.isObject()) {
            throw new HostConfigFile.ConfigException(where + "expected '" + whereKey + ":' and 'keys:', not "
                    + HostConfigFile.kind(section));
        }
        for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals(whereKey) && !k.equals("keys")) {
                throw new HostConfigFile.ConfigException(where + "unknown key '" + k + "' (" + whereKey
                        + ": where to look, keys: each display's keys)");
            }
        }
        JsonNode keys = section.path("keys");
        if (!keys.isMissingNode() && !keys.isObject()) {
            throw new HostConfigFile.ConfigException(where + "keys: expected a display's keys, not " + HostConfigFile.kind(keys));
        }
        if (keys.has("source")) {
            throw new HostConfigFile.ConfigException(where + "keys: no 'source': each display's source is what was found");
        }
        Map<String, String> sources = name.equals(MDEV)
                ? mdevs(section.has(whereKey) ? Path.of(section.get(whereKey).asText()) : DEFAULT_DEVICES, where)
                : sockets(section.path(whereKey).asText(""), where);
        String mentioned = String.join(" ", taken).toLowerCase(Locale.ROOT);
        Map<String, JsonNode> found = new TreeMap<>();
        sources.forEach((display, source) -> {
            String thing = source.substring(source.indexOf(':') + 1).replace("unix:path=", "");
            if (!mentioned.contains(thing.toLowerCase(Locale.ROOT))) {
                ObjectNode k = keys.isObject() ? ((ObjectNode) keys).deepCopy() : JsonNodeFactory.instance.objectNode();
                substitute(k, display);
                k.put("source", source);
                found.put(display, k);
            }
        });
        return found;
    }

    /** The devices in {@code dir} by UUID; none when it does not exist (no mdev driver loaded yet). */
    private static Map<String, String> mdevs(Path dir, String where) throws HostConfigFile.ConfigException {
        Map<String, String> found = new TreeMap<>();
        for (String entry : list(dir, where + "devices: ")) {
            if (UUID.matcher(entry).matches()) {
                String uuid = entry.toLowerCase(Locale.ROOT);
                found.put(uuid, "vfio:" + uuid);
            }
        }
        return found;
    }

    /** The sockets matching {@code glob} (one '*' within one path segment) by what the '*' matched. */
    private static Map<String, String> sockets(String glob, String where) throws HostConfigFile.ConfigException {
        int star = glob.indexOf('*');
        if (!glob.startsWith("/") || star < 0 || glob.indexOf('*', star + 1) >= 0) {
            throw new HostConfigFile.ConfigException(where + "sockets: expected an absolute path with one '*', e.g."
                    + " /run/vm/*/dbus.sock; got '" + glob + "'");
        }
        int segStart = glob.lastIndexOf('/', star) + 1;
        int segEnd = glob.indexOf('/', star);
        String prefix = glob.substring(segStart, star);
        String suffix = glob.substring(star + 1, segEnd < 0 ? glob.length() : segEnd);
        String rest = segEnd < 0 ? "" : glob.substring(segEnd);
        Map<String, String> found = new TreeMap<>();
        for (String entry : list(Path.of(glob.substring(0, segStart)), where + "sockets: ")) {
            if (entry.length() > prefix.length() + suffix.length() && entry.startsWith(prefix) && entry.endsWith(suffix)) {
                String name = entry.substring(prefix.length(), entry.length() - suffix.length());
                Path socket = Path.of(glob.substring(0, segStart) + entry + rest);
                if (DisplayRoutes.isValidName(name) && Files.exists(socket)) {
                    found.put(name, "qemu-dbus:unix:path=" + socket);
                }
            }
        }
        return found;
    }

    private static List<String> list(Path dir, String where) throws HostConfigFile.ConfigException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new HostConfigFile.ConfigException(where + "cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static String placeholders(String value, String name) {
        return value.replace("{name}", name).replace("{uuid}", name);
    }

    private static void substitute(JsonNode node, String name) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual()) {
                    e.setValue(TextNode.valueOf(placeholders(e.getValue().asText(), name)));
                } else {
                    substitute(e.getValue(), name);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, TextNode.valueOf(placeholders(a.get(i).asText(), name)));
                }
            }
        }
    }
}
