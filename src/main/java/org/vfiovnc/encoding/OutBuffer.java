package org.vfiovnc.encoding;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer with big-endian writers and pixel writers in a client's byte order. */
public final class OutBuffer {
    private byte[] buf;
    private int size;

    public OutBuffer() {
        this(4096);
    }

    public OutBuffer(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return buf.length;
    }

    public void reset() {
        size = 0;
    }

    /** The backing array; valid bytes are [0, size). */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public void ensure(int more) {
        if (size + more > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) size + more);
            if (want > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("output buffer over 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    public OutBuffer u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public OutBuffer u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public OutBuffer u32(int v) {
        ensure(4);
        buf[size++] = (byte) (v >> 24);
        buf[size++] = (byte) (v >> 16);
        buf[size++] = (byte) (v >> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public OutBuffer s32(int v) {
        return u32(v);
    }

    public OutBuffer bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public OutBuffer bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    public OutBuffer append(OutBuffer other) {
        return bytes(other.buf, 0, other.size);
    }

    /** Overwrites a big-endian u16 at {@code pos} (for counts known only after the body). */
    public void patchU16(int pos, int v) {
        buf[pos] = (byte) (v >> 8);
        buf[pos + 1] = (byte) v;
    }

    public void patchU32(int pos, int v) {
        buf[pos] = (byte) (v >> 24);
        buf[pos + 1] = (byte) (v >> 16);
        buf[pos + 2] = (byte) (v >> 8);
        buf[pos + 3] = (byte) v;
    }

    /** One pixel value of {@code bytesPerPixel} bytes (1, 2, 3 or 4) in the given byte order. */
    public OutBuffer pixel(int value, int bytesPerPixel, boolean bigEndian) {
        ensure(bytesPerPixel);
        if (bigEndian) {
            for (int i = bytesPerPixel - 1; i >= 0; i--) {
                buf[size++] = (byte) (value >> (8 * i));
            }
        } else {
            for (int i = 0; i < bytesPerPixel; i++) {
                buf[size++] = (byte) (value >> (8 * i));
            }
        }
        return this;
    }

    /** Many pixel values, the common 4-byte little-endian case without per-pixel branching. */
    public OutBuffer pixels(int[] values, int off, int count, int bytesPerPixel, boolean bigEndian) {
        ensure(count * bytesPerPixel);
        if (bytesPerPixel == 4 && !bigEndian) {
            for (int i = 0; i < count; i++) {
                int v = values[off + i];
                buf[size] = (byte) v;
                buf[size + 1] = (byte) (v >> 8);
                buf[size + 2] = (byte) (v >> 16);
                buf[size + 3] = (byte) (v >> 24);
                size += 4;
            }
        } else {
            for (int i = 0; i < count; i++) {
                pixel(values[off + i], bytesPerPixel, bigEndian);
            }
        }
        return this;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }
}
