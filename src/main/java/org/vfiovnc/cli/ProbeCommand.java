package org.vfiovnc.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vfiovnc.encoding.h264.VideoEncoders;
import org.vfiovnc.encoding.jpeg.JpegCompressors;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.source.vfio.VfioProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code probe}: what a VFIO device's display offers and how serve would read it, and which video encoder runs. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Show a VFIO device's display (plane types, current planes, display region, readback) and"
                + " the H.264 encoder this host would use for video; without DEVICE only the latter.")
public final class ProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEVICE",
            description = "vfio:UUID, an mdev UUID, /sys/bus/mdev/devices/UUID, /dev/vfio/devices/vfioN, vfio-fd:N or vfio-fd:unix:PATH")
    String device;

    @Option(names = "--readback", paramLabel = "MODE", defaultValue = "auto", converter = ReadbackConverter.class,
            description = "Readback to evaluate: auto, mmap or egl (default: ${DEFAULT-VALUE}).")
    Readback readback;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        if (device != null) {
            try {
                report.putAll(VfioProbe.probe(device, readback));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        // Which encoder serve's --video would run here, and why the others are not used.
        report.put("video", VideoEncoders.probe().summary());
        report.put("jpeg", JpegCompressors.describe());
        StringBuilder out = new StringBuilder();
        if (json) {
            Json.write(out, report);
            out.append('\n');
        } else {
            text(out, report, "");
        }
        System.out.print(out);
        System.out.flush();
        return 0;
    }

    private static void text(StringBuilder out, Map<String, Object> m, String indent) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> sub) {
                out.append(indent).append(e.getKey()).append(":\n");
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) sub;
                text(out, typed, indent + "  ");
            } else {
                out.append(indent).append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
        }
    }

    /** Minimal JSON for the probe report (maps, lists, strings, numbers, booleans). */
    static final class Json {
        private Json() {}

        static void write(StringBuilder b, Object v) {
            if (v instanceof Map<?, ?> m) {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    string(b, String.valueOf(e.getKey()));
                    b.append(':');
                    write(b, e.getValue());
                }
                b.append('}');
            } else if (v instanceof List<?> l) {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    write(b, l.get(i));
                }
                b.append(']');
            } else if (v instanceof Number || v instanceof Boolean) {
                b.append(v);
            } else {
                string(b, String.valueOf(v));
            }
        }

        private static void string(StringBuilder b, String s) {
            b.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            b.append('"');
        }
    }
}
