package org.vfiovnc.source.qemudbus;

import java.util.Optional;
import org.vfiovnc.surface.PixelLayout;

/**
 * QEMU names surface formats by pixman codes: bpp &lt;&lt; 24 | type &lt;&lt; 16 | a &lt;&lt; 12 | r &lt;&lt; 8 | g &lt;&lt; 4 | b.
 * pixman's formats are native-endian words, which on the little-endian hosts QEMU runs on are the
 * DRM fourccs below.
 */
final class PixmanFormats {
    private static final int TYPE_ARGB = 2;
    private static final int TYPE_ABGR = 3;

    private PixmanFormats() {}

    static int code(int bpp, int type, int a, int r, int g, int b) {
        return bpp << 24 | type << 16 | a << 12 | r << 8 | g << 4 | b;
    }

    static Optional<PixelLayout> layout(int pixman) {
        if (pixman == code(32, TYPE_ARGB, 0, 8, 8, 8)) {
            return Optional.of(PixelLayout.XR24);
        } else if (pixman == code(32, TYPE_ARGB, 8, 8, 8, 8)) {
            return Optional.of(PixelLayout.AR24);
        } else if (pixman == code(32, TYPE_ABGR, 0, 8, 8, 8)) {
            return Optional.of(PixelLayout.XB24);
        } else if (pixman == code(32, TYPE_ABGR, 8, 8, 8, 8)) {
            return Optional.of(PixelLayout.AB24);
        } else if (pixman == code(16, TYPE_ARGB, 0, 5, 6, 5)) {
            return Optional.of(PixelLayout.RG16);
        } else if (pixman == code(24, TYPE_ARGB, 0, 8, 8, 8)) {
            return Optional.of(PixelLayout.RG24);
        } else if (pixman == code(24, TYPE_ABGR, 0, 8, 8, 8)) {
            return Optional.of(PixelLayout.BG24);
        }
        return Optional.empty();
    }

    static String describe(int pixman) {
        return String.format("pixman format 0x%08x", pixman);
    }
}
