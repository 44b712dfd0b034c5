package org.vfiovnc.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vfiovnc.transport.door.DisplayRoutes;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads {@code host}'s configuration file (YAML): the shared port's keys at the top, and under
 * {@code displays} one mapping per display, its name the key. Every key is the long name of a
 * command-line option without its dashes (the shared port's: {@code listen}, {@code web},
 * {@code tls-cert}...; a display's: {@code source}, {@code password-file}, {@code power-control}...
 * and {@code listen} for its own port), so each display is checked by the very code that checks
 * {@code serve}'s options. Values: a word, a number, true/false for a flag, a list for a
 * comma-separated option. A mistake is one {@link ConfigException} naming the file, the display
 * and the key.
 */
final class HostConfigFile {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    static final String DISPLAYS = "displays";

    /** A mistake in the file; the message says where and what. */
    static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
    }

    /**
     * One display as written.
     *
     * @param args        its keys as command-line arguments
     * @param fingerprint changes whenever its keys or the content of a file it names change
     */
    record Display(String name, List<String> args, String fingerprint) {}

    /** The file as command lines: the shared port's arguments and each display's, in file order. */
    record HostConfig(Path file, List<String> portArgs, List<Display> displays) {}

    private HostConfigFile() {}

    /** @param port the shared port's options, @param display a display's: what keys may be used where */
    static HostConfig read(Path file, CommandSpec port, CommandSpec display) throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(file + (at != null ? ": line " + at.getLineNr() + ", column " + at.getColumnNr() : "")
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(file + ": the file is empty; it needs at least '" + DISPLAYS + ":' with one display");
        }
        if (!root.isObject()) {
            throw new ConfigException(file + ": expected a mapping of keys (listen:, " + DISPLAYS + ":), not " + kind(root));
        }
        List<String> portArgs = new ArrayList<>();
        JsonNode displays = null;
        Map<String, JsonNode> discover = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(DISPLAYS)) {
                displays = e.getValue();
                continue;
            }
            if (Discovery.isSection(e.getKey())) {
                discover.put(e.getKey(), e.getValue());
                continue;
            }
            if (port.findOption("--" + e.getKey()) == null && display.findOption("--" + e.getKey()) != null) {
                throw new ConfigException(file + ": key '" + e.getKey() + "' belongs to a display (under " + DISPLAYS + ":)");
            }
            ConfigArguments.add(portArgs, e.getKey(), e.getValue(), port, file + ": ");
        }
        if (!discover.isEmpty() && (displays == null || displays.isNull())) {
            displays = YAML.createObjectNode(); // every display found
        }
        if (displays == null || !displays.isObject() || displays.isEmpty() && discover.isEmpty()) {
            throw new ConfigException(file + ": '" + DISPLAYS + ":' must map each display's name to its keys"
                    + " (e.g. 'win11: {source: ..., password-file: ...}'); found " + (displays == null ? "none" : kind(displays)));
        }
        List<Display> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = displays.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            list.add(display(file, e.getKey(), e.getValue(), port, display));
        }
        for (Map.Entry<String, JsonNode> section : discover.entrySet()) {
            List<String> taken = list.stream().map(d -> String.join(" ", d.args())).toList();
            for (Map.Entry<String, JsonNode> e : Discovery.displays(file, section.getKey(), section.getValue(), taken).entrySet()) {
                if (list.stream().noneMatch(d -> d.name().equals(e.getKey()))) {
                    list.add(display(file, e.getKey(), e.getValue(), port, display));
                }
            }
        }
        return new HostConfig(file, List.copyOf(portArgs), List.copyOf(list));
    }

    private static Display display(Path file, String name, JsonNode keys, CommandSpec port, CommandSpec spec)
            throws ConfigException {
        String where = file + ": display '" + name + "': ";
        if (!DisplayRoutes.isValidName(name)) {
            throw new ConfigException(where + "a display's name must be " + DisplayRoutes.describeNames()
                    + " (it is the path /vm/NAME/)");
        }
        if (!keys.isObject()) {
            throw new ConfigException(where + "expected its keys (source:, password-file:, ...), not " + kind(keys));
        }
        List<String> args = new ArrayList<>();
        StringBuilder fingerprint = new StringBuilder(keys.toString());
        for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (spec.findOption("--" + e.getKey()) == null && port.findOption("--" + e.getKey()) != null) {
                throw new ConfigException(where + "key '" + e.getKey() + "' belongs at the top of the file: it is the"
                        + " shared port's, for every display");
            }
            OptionSpec o = ConfigArguments.add(args, e.getKey(), e.getValue(), spec, where);
            if (o.type() == Path.class) {
                fingerprint.append(' ').append(digest(Path.of(e.getValue().asText())));
            }
        }
        if (!keys.has("name")) {
            args.add("--name=" + name); // the desktop name viewers show
        }
        return new Display(name, List.copyOf(args), fingerprint.toString());
    }

    /** A file's content as a hash, so that a reload notices a changed password. */
    private static String digest(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String kind(JsonNode n) {
        return n.isArray() ? "a list" : n.isObject() ? "a mapping" : n.isNull() ? "nothing" : "'" + n.asText() + "'";
    }
}
