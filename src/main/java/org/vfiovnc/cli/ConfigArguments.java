package org.vfiovnc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Turns the keys of a configuration file into the command-line options they name ({@code key:
 * value} is {@code --key=value}), and the options' messages back into keys, so that a problem
 * found by the options' own checks reads in the file's terms.
 */
final class ConfigArguments {
    private static final Pattern OPTION = Pattern.compile("--([a-z][a-z0-9-]*)");

    private ConfigArguments() {}

    /**
     * Adds {@code key: value} to {@code args} as the option of {@code spec} it names.
     *
     * @param where what to start a message with (the file, the display)
     * @return the option
     */
    static OptionSpec add(List<String> args, String key, JsonNode value, CommandSpec spec, String where)
            throws HostConfigFile.ConfigException {
        OptionSpec o = key.startsWith("-") ? null : spec.findOption("--" + key);
        if (o == null || o.usageHelp() || o.versionHelp()) {
            String near = nearest(key, spec);
            throw new HostConfigFile.ConfigException(where + "unknown key '" + key + "'"
                    + (near != null ? "; did you mean '" + near + "'?" : ""));
        }
        String option = "--" + key;
        if (value.isBoolean()) {
            boolean flag = o.arity().max() == 0;
            boolean bool = o.type() == boolean.class || o.type() == Boolean.class;
            if (flag || !bool && o.arity().min() == 0) {
                if (value.booleanValue()) {
                    args.add(option); // a flag, or an option whose value may be left out (power-control)
                }
            } else {
                args.add(option + "=" + value.booleanValue());
            }
        } else if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isValueNode()) {
                    throw new HostConfigFile.ConfigException(where + key + ": a list of values, not of " + HostConfigFile.kind(item));
                }
                items.add(item.asText());
            }
            args.add(option + "=" + String.join(",", items));
        } else if (value.isValueNode() && !value.isNull()) {
            args.add(option + "=" + value.asText());
        } else {
            throw new HostConfigFile.ConfigException(where + key + ": expected a value, found " + HostConfigFile.kind(value));
        }
        return o;
    }

    /** {@code message} with every option of {@code spec} it mentions written as its key. */
    static String inKeys(String message, CommandSpec spec) {
        Matcher m = OPTION.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = spec.findOption("--" + m.group(1)) != null ? m.group(1) : m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(key));
        }
        return m.appendTail(sb).toString();
    }

    /** The key closest to a misspelt one (at most 3 edits away), or null. */
    private static String nearest(String key, CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp())
                .map(o -> o.longestName().substring(2))
                .filter(k -> distance(k, key) <= 3)
                .min(Comparator.comparingInt(k -> distance(k, key))).orElse(null);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
