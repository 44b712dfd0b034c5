package org.vfiovnc.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several registries' text as one exposition, each sample labelled with whose it is (e.g.
 * {@code display="win11"}): the format wants each family's HELP and TYPE once with all its
 * samples after them, so the families are merged, not the texts concatenated.
 */
public final class LabelledMetrics {
    private LabelledMetrics() {}

    /** @param rendered each registry's {@link MetricsRegistry#render} by its label value, in order */
    public static String merge(String label, Map<String, String> rendered) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Map<String, List<String>> samples = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : rendered.entrySet()) {
            String family = null;
            for (String line : e.getValue().split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("# ")) {
                    String[] parts = line.split(" ", 4);
                    family = parts.length > 2 ? parts[2] : line;
                    List<String> h = headers.computeIfAbsent(family, f -> new ArrayList<>());
                    if (h.size() < 2 && !h.contains(line)) {
                        h.add(line); // the first registry's HELP and TYPE stand for all
                    }
                    continue;
                }
                String f = family != null ? family : name(line);
                headers.computeIfAbsent(f, x -> new ArrayList<>());
                samples.computeIfAbsent(f, x -> new ArrayList<>()).add(labelled(line, label, e.getKey()));
            }
        }
        StringBuilder out = new StringBuilder(4096);
        headers.forEach((family, h) -> {
            h.forEach(line -> out.append(line).append('\n'));
            samples.getOrDefault(family, List.of()).forEach(line -> out.append(line).append('\n'));
        });
        return out.toString();
    }

    private static String name(String sample) {
        int end = 0;
        while (end < sample.length() && sample.charAt(end) != '{' && sample.charAt(end) != ' ') {
            end++;
        }
        return sample.substring(0, end);
    }

    /** {@code name{a="b"} v} becomes {@code name{label="value",a="b"} v}; {@code name v} gets braces. */
    static String labelled(String sample, String label, String value) {
        String name = name(sample);
        String pair = label + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        String rest = sample.substring(name.length());
        return rest.startsWith("{") ? name + "{" + pair + (rest.startsWith("{}") ? "" : ",") + rest.substring(1)
                : name + "{" + pair + "}" + rest;
    }
}
