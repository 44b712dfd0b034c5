package org.vfiovnc.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.source.file.RawFileSource;
import org.vfiovnc.source.file.XwdSource;
import org.vfiovnc.source.qemudbus.QemuDbusSource;
import org.vfiovnc.source.replay.ReplaySource;
import org.vfiovnc.source.vfio.VfioSource;
import org.vfiovnc.surface.PixelLayout;

/**
 * Turns a {@code --source} spec into a source. Each scheme parses its own arguments; every
 * mistake is an {@link IllegalArgumentException} whose message says what is wrong and what was
 * expected, fit to print as the one line a bad command line gets.
 */
public final class SourceCatalog {
    private static final Map<String, Function<String, DisplaySource>> SCHEMES = new TreeMap<>();

    /** Device schemes that also take the dma-buf readback choice (serve --readback). */
    private static final Map<String, BiFunction<String, String, DisplaySource>> DEVICE_SCHEMES = new TreeMap<>();

    static {
        DEVICE_SCHEMES.put("vfio", VfioSource::forSpec);
        DEVICE_SCHEMES.put("vfio-fd", VfioSource::forFd);
        DEVICE_SCHEMES.put("qemu-dbus", QemuDbusSource::forSpec);
        SCHEMES.put("demo", SourceCatalog::demo);
        SCHEMES.put("raw", SourceCatalog::raw);
        SCHEMES.put("xwd", SourceCatalog::xwd);
        SCHEMES.put("replay", SourceCatalog::replay);
    }

    private SourceCatalog() {}

    public static DisplaySource create(String spec) {
        return create(spec, "auto");
    }

    /** @param readback how device sources read dma-bufs back: auto, mmap or egl */
    public static DisplaySource create(String spec, String readback) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty --source; expected one of " + schemeNames());
        }
        int colon = spec.indexOf(':');
        String scheme = colon < 0 ? spec : spec.substring(0, colon);
        String rest = colon < 0 ? "" : spec.substring(colon + 1);
        BiFunction<String, String, DisplaySource> device = DEVICE_SCHEMES.get(scheme);
        if (device != null) {
            return device.apply(rest, readback);
        }
        Function<String, DisplaySource> f = SCHEMES.get(scheme);
        if (f == null) {
            throw new IllegalArgumentException("unknown source '" + scheme + "' in '" + spec + "'; expected one of "
                    + schemeNames());
        }
        return f.apply(rest);
    }

    private static TreeSet<String> schemeNames() {
        TreeSet<String> all = new TreeSet<>(SCHEMES.keySet());
        all.addAll(DEVICE_SCHEMES.keySet());
        return all;
    }

    /** demo[:WxH][:paused] */
    static DisplaySource demo(String args) {
        int w = 1280;
        int h = 720;
        boolean paused = false;
        if (!args.isEmpty()) {
            for (String part : args.split(":")) {
                if (part.equals("paused")) {
                    paused = true;
                } else {
                    int[] size = parseSize(part, "demo");
                    w = size[0];
                    h = size[1];
                }
            }
        }
        return new DemoSource(w, h, paused);
    }

    /** raw:PATH:WxH:FOURCC[:stride=N][:offset=N] (the path may itself contain colons) */
    static DisplaySource raw(String args) {
        List<String> parts = new ArrayList<>(Arrays.asList(args.split(":", -1)));
        int stride = 0;
        long offset = 0;
        while (!parts.isEmpty()) {
            String last = parts.get(parts.size() - 1);
            if (last.startsWith("stride=")) {
                stride = (int) parseNumber(last.substring(7), "stride");
            } else if (last.startsWith("offset=")) {
                offset = parseNumber(last.substring(7), "offset");
            } else {
                break;
            }
            parts.remove(parts.size() - 1);
        }
        if (parts.size() < 3 || parts.get(0).isEmpty()) {
            throw new IllegalArgumentException("bad raw source 'raw:" + args + "'; expected raw:PATH:WxH:FOURCC[:stride=N][:offset=N]");
        }
        String fourcc = parts.remove(parts.size() - 1);
        int[] size = parseSize(parts.remove(parts.size() - 1), "raw");
        String path = String.join(":", parts);
        PixelLayout layout = PixelLayout.byName(fourcc).orElseThrow(() -> new IllegalArgumentException(
                "unknown pixel format '" + fourcc + "'; expected one of " + Arrays.toString(PixelLayout.values())));
        return new RawFileSource(Path.of(path), size[0], size[1], layout, stride, offset);
    }

    /** xwd:PATH */
    static DisplaySource xwd(String args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("bad xwd source; expected xwd:PATH (e.g. xwd:/tmp/fb/Xvfb_screen0)");
        }
        return new XwdSource(Path.of(args));
    }

    /** replay:PATH[:fast][:loop] (the path may itself contain colons) */
    static DisplaySource replay(String args) {
        List<String> parts = new ArrayList<>(Arrays.asList(args.split(":", -1)));
        boolean fast = false;
        boolean loop = false;
        while (parts.size() > 1) {
            String last = parts.get(parts.size() - 1);
            if (last.equals("fast")) {
                fast = true;
            } else if (last.equals("loop")) {
                loop = true;
            } else {
                break;
            }
            parts.remove(parts.size() - 1);
        }
        String path = String.join(":", parts);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("bad replay source 'replay:" + args + "'; expected replay:FILE.fbrec.zst[:fast][:loop]");
        }
        return new ReplaySource(Path.of(path), fast, loop);
    }

    static int[] parseSize(String s, String what) {
        String[] wh = s.toLowerCase().split("x");
        if (wh.length != 2) {
            throw new IllegalArgumentException("bad size '" + s + "' for " + what + "; expected WIDTHxHEIGHT, e.g. 1280x720");
        }
        try {
            int w = Integer.parseInt(wh[0]);
            int h = Integer.parseInt(wh[1]);
            if (w <= 0 || h <= 0 || w > 16384 || h > 16384) {
                throw new IllegalArgumentException("size " + s + " for " + what + " out of range 1..16384");
            }
            return new int[] {w, h};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad size '" + s + "' for " + what + "; expected WIDTHxHEIGHT, e.g. 1280x720");
        }
    }

    static long parseNumber(String s, String what) {
        try {
            long v = s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " " + s + " out of range");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " '" + s + "'; expected a number");
        }
    }
}
