package org.vfiovnc.surface;

/**
 * The server's own copy of the screen in canonical pixels (int 0x00RRGGBB, row-major, no padding).
 * Encoders read only this, never a source's live buffer, so a mapping that goes away under a
 * client can never fault the JVM. The refresh loop writes changed tiles and then publishes their
 * damage; a reader that races a write sees the area again in its next damage.
 */
public final class Framebuffer {
    private final int width;
    private final int height;
    private final int[] pixels;

    public Framebuffer(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("framebuffer size " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.pixels = new int[Math.multiplyExact(width, height)];
    }

    public int width() { return width; }

    public int height() { return height; }

    /** Row-major canonical pixels; index = y * width + x. */
    public int[] pixels() { return pixels; }

    public Rect bounds() { return new Rect(0, 0, width, height); }

    public int get(int x, int y) { return pixels[y * width + x]; }

    /** Copies the canonical pixels of {@code r} into a new row-major array. */
    public int[] copyOf(Rect r) {
        int[] out = new int[r.width() * r.height()];
        for (int row = 0; row < r.height(); row++) {
            System.arraycopy(pixels, (r.y() + row) * width + r.x(), out, row * r.width(), r.width());
        }
        return out;
    }
}
