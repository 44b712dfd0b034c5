package org.vfiovnc.surface;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;

/**
 * Pixel layouts a source can hand over, named by their DRM fourcc. DRM formats are
 * little-endian: XR24 ("[31:0] x:R:G:B 8:8:8:8 little endian") is the bytes B,G,R,X in memory.
 *
 * <p>Every layout converts to the server's canonical pixel, an int 0x00RRGGBB.
 */
public enum PixelLayout {
    /** DRM_FORMAT_XRGB8888. */
    XR24("XR24", 4),
    /** DRM_FORMAT_ARGB8888 (alpha ignored: a scanout is opaque). */
    AR24("AR24", 4),
    /** DRM_FORMAT_XBGR8888. */
    XB24("XB24", 4),
    /** DRM_FORMAT_ABGR8888. */
    AB24("AB24", 4),
    /** DRM_FORMAT_RGB565. */
    RG16("RG16", 2),
    /** DRM_FORMAT_BGR888 "BG24": [23:0] B:G:R little endian, so the bytes are R,G,B. */
    BG24("BG24", 3),
    /** DRM_FORMAT_RGB888 "RG24": [23:0] R:G:B little endian, so bytes B,G,R. */
    RG24("RG24", 3);

    private final String name;
    private final int bytesPerPixel;
    private final int fourcc;

    PixelLayout(String name, int bytesPerPixel) {
        this.name = name;
        this.bytesPerPixel = bytesPerPixel;
        this.fourcc = name.charAt(0) | name.charAt(1) << 8 | name.charAt(2) << 16 | name.charAt(3) << 24;
    }

    public int bytesPerPixel() {
        return bytesPerPixel;
    }

    /** The DRM fourcc code as the kernel passes it (e.g. 0x34325258 for XR24). */
    public int fourcc() {
        return fourcc;
    }

    public String fourccName() {
        return name;
    }

    /** Layouts whose bytes read as a little-endian int are already 0x??RRGGBB. */
    public boolean isCanonical32() {
        return this == XR24 || this == AR24;
    }

    public static Optional<PixelLayout> byFourcc(int code) {
        for (PixelLayout l : values()) {
            if (l.fourcc == code) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    public static Optional<PixelLayout> byName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (PixelLayout l : values()) {
            if (l.name.equals(n)) {
                return Optional.of(l);
            }
        }
        switch (n) {
            case "XRGB8888": return Optional.of(XR24);
            case "ARGB8888": return Optional.of(AR24);
            case "XBGR8888": return Optional.of(XB24);
            case "ABGR8888": return Optional.of(AB24);
            case "RGB565": return Optional.of(RG16);
            case "RGB888": return Optional.of(RG24);
            case "BGR888": return Optional.of(BG24);
            default: return Optional.empty();
        }
    }

    /** Printable fourcc for a code that may be unknown, e.g. in error messages. */
    public static String describe(int code) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int c = (code >>> (8 * i)) & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return sb.append(String.format(" (0x%08x)", code)).toString();
    }

    /**
     * Converts {@code count} pixels starting at byte {@code srcOffset} of {@code src} into canonical
     * 0x00RRGGBB ints at {@code dst[dstOffset]}. Absolute reads: the buffer's position is untouched.
     */
    public void toCanonical(ByteBuffer src, int srcOffset, int[] dst, int dstOffset, int count) {
        switch (this) {
            case XR24:
            case AR24: {
                // A bulk copy of the row (a memory copy on little-endian machines), then a mask
                // loop the JIT vectorises: half the time of a getInt per pixel.
                ByteBuffer le = src.duplicate().order(ByteOrder.LITTLE_ENDIAN).clear();
                if ((srcOffset & 3) == 0) {
                    le.asIntBuffer().get(srcOffset >> 2, dst, dstOffset, count);
                } else {
                    le.position(srcOffset).limit(srcOffset + 4 * count);
                    le.slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(dst, dstOffset, count);
                }
                for (int i = dstOffset; i < dstOffset + count; i++) {
                    dst[i] &= 0xffffff;
                }
                break;
            }
            case XB24:
            case AB24: {
                ByteBuffer le = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < count; i++) {
                    int v = le.getInt(srcOffset + 4 * i);
                    dst[dstOffset + i] = (v & 0xff) << 16 | (v & 0xff00) | (v >> 16) & 0xff;
                }
                break;
            }
            case RG16: {
                ByteBuffer le = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < count; i++) {
                    int v = le.getShort(srcOffset + 2 * i) & 0xffff;
                    int r = v >> 11 & 0x1f;
                    int g = v >> 5 & 0x3f;
                    int b = v & 0x1f;
                    // Replicate high bits into the low ones so 0x1f maps to 0xff.
                    dst[dstOffset + i] = (r << 3 | r >> 2) << 16 | (g << 2 | g >> 4) << 8 | (b << 3 | b >> 2);
                }
                break;
            }
            case RG24:
                for (int i = 0; i < count; i++) {
                    int o = srcOffset + 3 * i;
                    dst[dstOffset + i] = (src.get(o + 2) & 0xff) << 16 | (src.get(o + 1) & 0xff) << 8 | (src.get(o) & 0xff);
                }
                break;
            case BG24:
                for (int i = 0; i < count; i++) {
                    int o = srcOffset + 3 * i;
                    dst[dstOffset + i] = (src.get(o) & 0xff) << 16 | (src.get(o + 1) & 0xff) << 8 | (src.get(o + 2) & 0xff);
                }
                break;
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Like {@link #toCanonical(ByteBuffer, int, int[], int, int)} for pixels in a heap array (the
     * differ's shadow): the 32-bit layouts read each pixel as one little-endian int straight from the
     * array and convert it in the same pass, which on small rectangles costs a fraction of the
     * buffer path's bulk copy (a view buffer set up per row) followed by a mask loop.
     */
    public void toCanonical(byte[] src, int srcOffset, int[] dst, int dstOffset, int count) {
        switch (this) {
            case XR24:
            case AR24:
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = (int) LE_INT.get(src, srcOffset + 4 * i) & 0xffffff;
                }
                break;
            case XB24:
            case AB24:
                for (int i = 0; i < count; i++) {
                    int v = (int) LE_INT.get(src, srcOffset + 4 * i);
                    dst[dstOffset + i] = (v & 0xff) << 16 | (v & 0xff00) | (v >> 16) & 0xff;
                }
                break;
            default:
                toCanonical(ByteBuffer.wrap(src), srcOffset, dst, dstOffset, count);
        }
    }

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Writes one canonical pixel in this layout at byte {@code offset} (used by tests and sources that render). */
    public void putCanonical(ByteBuffer dst, int offset, int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        switch (this) {
            case XR24:
            case AR24:
                dst.put(offset, (byte) b).put(offset + 1, (byte) g).put(offset + 2, (byte) r).put(offset + 3, (byte) 0xff);
                break;
            case XB24:
            case AB24:
                dst.put(offset, (byte) r).put(offset + 1, (byte) g).put(offset + 2, (byte) b).put(offset + 3, (byte) 0xff);
                break;
            case RG16: {
                int v = (r >> 3) << 11 | (g >> 2) << 5 | (b >> 3);
                dst.put(offset, (byte) v).put(offset + 1, (byte) (v >> 8));
                break;
            }
            case RG24:
                dst.put(offset, (byte) b).put(offset + 1, (byte) g).put(offset + 2, (byte) r);
                break;
            case BG24:
                dst.put(offset, (byte) r).put(offset + 1, (byte) g).put(offset + 2, (byte) b);
                break;
            default:
                throw new AssertionError(this);
        }
    }
}
