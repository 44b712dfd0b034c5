package org.vfiovnc.encoding;

import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Zlib (6): raw pixels through one deflate stream that lives as long as the connection (the client
 * keeps one inflater), each rectangle ended with a sync flush and prefixed by its length.
 */
public final class ZlibEncoder implements Encoder {
    private final DeflateStream zlib;
    private final RawEncoder raw = new RawEncoder();
    private final OutBuffer plain = new OutBuffer(64 * 1024);

    public ZlibEncoder(int level) {
        this.zlib = new DeflateStream(level);
    }

    @Override
    public int encoding() {
        return Encodings.ZLIB;
    }

    /** The zlib level from the next rectangle on; Zlib has no quality setting. */
    @Override
    public void configure(int compressLevel, int jpegQualityLevel) {
        zlib.setLevel(compressLevel);
    }

    @Override
    public void encode(Framebuffer fb, Rect r, PixelTranslator pixels, OutBuffer out) {
        plain.reset();
        raw.encode(fb, r, pixels, plain);
        int lengthPos = out.size();
        out.u32(0);
        out.patchU32(lengthPos, zlib.compress(plain.array(), 0, plain.size(), out));
    }

    /** Once the stream has started (its header went out in this viewer's own first rectangle). */
    @Override
    public boolean canShare() {
        return zlib.started();
    }

    @Override
    public void forgetHistory() {
        zlib.forgetHistory();
    }

    @Override
    public int settings() {
        return zlib.level();
    }

    @Override
    public void close() {
        zlib.end();
    }
}
