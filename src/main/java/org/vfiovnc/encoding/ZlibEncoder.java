package org.vfiovnc.encoding;

import java.util.zip.Deflater;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Zlib (6): raw pixels through one deflate stream that lives as long as the connection (the client
 * keeps one inflater), each rectangle ended with a sync flush and prefixed by its length.
 */
public final class ZlibEncoder implements Encoder {
    private final Deflater deflater;
    private final RawEncoder raw = new RawEncoder();
    private final OutBuffer plain = new OutBuffer(64 * 1024);
    private final byte[] chunk = new byte[64 * 1024];

    public ZlibEncoder(int level) {
        this.deflater = new Deflater(level);
    }

    @Override
    public int encoding() {
        return Encodings.ZLIB;
    }

    /** The zlib level from the next rectangle on; Zlib has no quality setting. */
    @Override
    public void configure(int compressLevel, int jpegQualityLevel) {
        deflater.setLevel(compressLevel);
    }

    @Override
    public void encode(Framebuffer fb, Rect r, PixelTranslator pixels, OutBuffer out) {
        plain.reset();
        raw.encode(fb, r, pixels, plain);
        int lengthPos = out.size();
        out.u32(0);
        deflater.setInput(plain.array(), 0, plain.size());
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.bytes(chunk, 0, n);
        } while (n == chunk.length);
        out.patchU32(lengthPos, out.size() - lengthPos - 4);
    }

    @Override
    public void close() {
        deflater.end();
    }
}
