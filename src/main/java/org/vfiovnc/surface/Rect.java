package org.vfiovnc.surface;

/** An axis-aligned rectangle in pixels; empty when width or height is zero. */
public record Rect(int x, int y, int width, int height) {

    public Rect {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative size " + width + "x" + height);
        }
    }

    public static Rect of(int x, int y, int w, int h) {
        return new Rect(x, y, w, h);
    }

    public int right() { return x + width; }

    public int bottom() { return y + height; }

    public boolean isEmpty() { return width == 0 || height == 0; }

    public long area() { return (long) width * height; }

    public Rect intersect(Rect o) {
        int x0 = Math.max(x, o.x);
        int y0 = Math.max(y, o.y);
        int x1 = Math.min(right(), o.right());
        int y1 = Math.min(bottom(), o.bottom());
        if (x1 <= x0 || y1 <= y0) {
            return new Rect(x0, y0, 0, 0);
        }
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    public boolean intersects(Rect o) {
        return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }

    public boolean contains(Rect o) {
        return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom();
    }

    /** Smallest rectangle holding both. */
    public Rect union(Rect o) {
        if (isEmpty()) return o;
        if (o.isEmpty()) return this;
        int x0 = Math.min(x, o.x);
        int y0 = Math.min(y, o.y);
        return new Rect(x0, y0, Math.max(right(), o.right()) - x0, Math.max(bottom(), o.bottom()) - y0);
    }

    @Override
    public String toString() {
        return width + "x" + height + "+" + x + "+" + y;
    }
}
