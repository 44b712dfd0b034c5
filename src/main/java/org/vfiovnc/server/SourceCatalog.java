package org.vfiovnc.server;

import java.util.Map;
import java.util.TreeMap;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.source.file.RawFileSource;
import org.vfiovnc.source.file.XwdSource;
import org.vfiovnc.source.qemudbus.QemuDbusSource;
import org.vfiovnc.source.replay.ReplaySource;
import org.vfiovnc.source.vfio.VfioSource;

/**
 * The {@code --source} schemes this server knows, each handed to its own package to parse the
 * rest of the spec ("scheme:rest"). Every mistake is an {@link IllegalArgumentException} whose
 * message says what is wrong and what was expected.
 */
public final class SourceCatalog {
    /** Opens a source from the part of the spec after "scheme:" and the dma-buf readback choice. */
    private interface Scheme {
        DisplaySource create(String rest, Readback readback);
    }

    private static final Map<String, Scheme> SCHEMES = new TreeMap<>(Map.of(
            "demo", (rest, readback) -> DemoSource.fromSpec(rest),
            "raw", (rest, readback) -> RawFileSource.fromSpec(rest),
            "xwd", (rest, readback) -> XwdSource.fromSpec(rest),
            "replay", (rest, readback) -> ReplaySource.fromSpec(rest),
            "vfio", VfioSource::forSpec,
            "vfio-fd", VfioSource::forFd,
            "qemu-dbus", QemuDbusSource::forSpec));

    private SourceCatalog() {}

    public static DisplaySource create(String spec) {
        return create(spec, Readback.AUTO);
    }

    /** @param readback how device sources (vfio, qemu-dbus) read dma-bufs back */
    public static DisplaySource create(String spec, Readback readback) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty --source; expected one of " + SCHEMES.keySet());
        }
        int colon = spec.indexOf(':');
        String scheme = colon < 0 ? spec : spec.substring(0, colon);
        Scheme s = SCHEMES.get(scheme);
        if (s == null) {
            throw new IllegalArgumentException("unknown source '" + scheme + "' in '" + spec + "'; expected one of "
                    + SCHEMES.keySet());
        }
        return s.create(colon < 0 ? "" : spec.substring(colon + 1), readback);
    }
}
