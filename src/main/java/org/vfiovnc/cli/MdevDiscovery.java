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
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code mdev-displays:} section of host's file: every mediated device (vGPU) found under
 * {@code devices} (default /sys/bus/mdev/devices) that no display names becomes a display of its
 * own, named by its UUID, with {@code keys} ({@code {uuid}} in a value stands for the device's
 * UUID). The directory is listed at start and at every reload, so a udev rule that reloads the
 * service when an mdev is created or removed keeps the displays in step.
 */
final class MdevDiscovery {
    static final String SECTION = "mdev-displays";
    static final Path DEFAULT_DEVICES = Path.of("/sys/bus/mdev/devices");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final Set<String> SUBKEYS = Set.of("devices", "keys");

    private MdevDiscovery() {}

    /**
     * Each device's display keys by its name (the UUID, lower case), in UUID order.
     *
     * @param taken what the named displays' keys say: a device one of them mentions is left alone
     */
    static Map<String, JsonNode> displays(Path file, JsonNode section, List<String> taken) throws HostConfigFile.ConfigException {
        String where = file + ": " + SECTION + ": ";
        if (!section.isObject()) {
            throw new HostConfigFile.ConfigException(where + "expected 'devices:' and 'keys:', not " + HostConfigFile.kind(section));
        }
        for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!SUBKEYS.contains(k)) {
                throw new HostConfigFile.ConfigException(where + "unknown key '" + k + "' (devices: a directory, keys: each"
                        + " device's display keys)");
            }
        }
        JsonNode keys = section.path("keys");
        if (!keys.isMissingNode() && !keys.isObject()) {
            throw new HostConfigFile.ConfigException(where + "keys: expected a display's keys, not " + HostConfigFile.kind(keys));
        }
        if (keys.has("source")) {
            throw new HostConfigFile.ConfigException(where + "keys: no 'source': each display's source is its device");
        }
        Path devices = section.has("devices") ? Path.of(section.get("devices").asText()) : DEFAULT_DEVICES;
        String mentioned = String.join(" ", taken).toLowerCase(Locale.ROOT);
        Map<String, JsonNode> found = new TreeMap<>();
        for (String uuid : uuids(devices, where)) {
            if (!mentioned.contains(uuid)) {
                ObjectNode k = keys.isObject() ? ((ObjectNode) keys).deepCopy() : JsonNodeFactory.instance.objectNode();
                substitute(k, uuid);
                k.put("source", "vfio:" + uuid);
                found.put(uuid, k);
            }
        }
        return found;
    }

    /** The UUIDs of the devices in {@code dir}; none when it does not exist (no mdev driver loaded yet). */
    private static List<String> uuids(Path dir, String where) throws HostConfigFile.ConfigException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> UUID.matcher(n).matches())
                    .map(n -> n.toLowerCase(Locale.ROOT)).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new HostConfigFile.ConfigException(where + "devices: cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static void substitute(JsonNode node, String uuid) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual()) {
                    e.setValue(TextNode.valueOf(e.getValue().asText().replace("{uuid}", uuid)));
                } else {
                    substitute(e.getValue(), uuid);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, TextNode.valueOf(a.get(i).asText().replace("{uuid}", uuid)));
                }
            }
        }
    }
}
