package org.vfiovnc.encoding;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.encoding.jpeg.JpegCompressor;
import org.vfiovnc.encoding.jpeg.JpegCompressors;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Tight (7) and TightPNG (-260). Each rectangle is classified by its colours: one colour goes out as
 * a fill; many colours as JPEG when the viewer asked for a quality level; otherwise Tight sends
 * "basic" compression (2-colour bitmap, up to 256-colour palette, gradient or plain pixels, each
 * kind on its own zlib stream) and TightPNG sends PNG.
 */
public final class TightEncoder implements Encoder {
    /** Tight's limits on one rectangle (viewers size their buffers after them). */
    public static final int MAX_WIDTH = 2048;
    public static final int MAX_PIXELS = 65536;
    private static final int MIN_TO_COMPRESS = 12;
    /** Above this many colours a rectangle counts as photo-like (JPEG when allowed). */
    static final int PHOTO_COLOURS = 96;
    private static final int JPEG_MIN_PIXELS = 1024;
    private static final int[] JPEG_QUALITY = {15, 25, 35, 45, 55, 65, 75, 82, 90, 95};

    static final int STREAM_FULL = 0;
    static final int STREAM_MONO = 1;
    static final int STREAM_INDEXED = 2;

    private final boolean png;
    private final DeflateStream[] streams = new DeflateStream[4];
    private final ColourPalette palette = new ColourPalette(256);
    private final OutBuffer plain = new OutBuffer(64 * 1024);
    private int[] values = new int[0];
    /** Reset bits for the next rectangle's compression control byte. */
    private int resetMask;
    /** Streams to reset before their next use. */
    private int stale;
    /**
     * Streams the viewer was told to reset once: from then on each of their blocks stands alone
     * (a full flush first). noVNC's inflater (pako) keeps no window after a reset, so a block that
     * refers back to an earlier rectangle fails there ("zlib inflate failed"), and shared updates
     * make resets common.
     */
    private int standAlone;
    private int level = 6;
    private int jpegLevel = -1;
    private boolean losslessOnly;
    private boolean lastLossy;
    private PixelFormat lastFormat;
    private JpegCompressor jpeg;

    /** @param png true for TightPNG (noVNC): fill, JPEG and PNG only */
    public TightEncoder(boolean png) {
        this.png = png;
    }

    /** Compression level 0..9 (zlib level) and JPEG quality level 0..9 or -1 for none. */
    @Override
    public void configure(int compressLevel, int jpegQualityLevel) {
        this.level = compressLevel;
        this.jpegLevel = jpegQualityLevel;
        for (int i = 0; i < streams.length; i++) {
            if (streams[i] != null) {
                streams[i].setLevel(zlibLevel(i, level));
            }
        }
    }

    /**
     * The zlib level of one stream for the client's compression level. Bitmaps and palette indices
     * (text, borders, flat UI) are small and shrink more with deflate's lazy matching (levels 4 and
     * up), so they get one level more; full-colour pixels are big and gain little from effort, so
     * they get one level less (TigerVNC's Tight makes a similar trade). In single end-to-end runs
     * at CompressLevel 3, one level more sent ~6 % fewer bytes than a flat level at about the same
     * encoding time on a text frame; two levels more sent ~10 % fewer but took ~30 % longer.
     */
    static int zlibLevel(int stream, int level) {
        if (level <= 1) {
            return level;
        }
        return stream == STREAM_FULL ? level - 1 : Math.min(9, level + 1);
    }

    /** While set, JPEG is not used (the lossless refresh of areas sent lossy). */
    @Override
    public void setLosslessOnly(boolean on) {
        losslessOnly = on;
    }

    /** Whether the last rectangle encoded went out lossy (JPEG). */
    @Override
    public boolean lastWasLossy() {
        return lastLossy;
    }

    @Override
    public int encoding() {
        return png ? Encodings.TIGHT_PNG : Encodings.TIGHT;
    }

    @Override
    public List<Rect> split(Rect r) {
        List<Rect> out = new ArrayList<>();
        int w = Math.min(r.width(), MAX_WIDTH);
        int h = Math.max(1, MAX_PIXELS / w);
        for (int y = r.y(); y < r.bottom(); y += h) {
            for (int x = r.x(); x < r.right(); x += w) {
                out.add(new Rect(x, y, Math.min(w, r.right() - x), Math.min(h, r.bottom() - y)));
            }
        }
        return out;
    }

    @Override
    public void encode(Framebuffer fb, Rect r, PixelTranslator pixels, OutBuffer out) {
        if (r.width() > MAX_WIDTH || r.area() > MAX_PIXELS) {
            throw new IllegalArgumentException("Tight rectangle " + r + " over the limits");
        }
        PixelFormat f = pixels.format();
        if (lastFormat != null && !lastFormat.equals(f)) {
            // New pixel format: start every stream afresh and tell the viewer to do the same.
            for (int i = 0; i < streams.length; i++) {
                if (streams[i] != null) {
                    restart(1 << i);
                }
            }
        }
        lastFormat = f;
        lastLossy = false;
        TightPixel tp = new TightPixel(f, pixels.bytesPerPixel());
        // One buffer for every rectangle: a fresh one per rectangle (up to 256 KiB) cost as much
        // to allocate and clear as the translation itself.
        int n = r.width() * r.height(); // at most MAX_PIXELS
        if (values.length < n) {
            values = new int[Math.max(n, 4096)];
        }
        // When translation keeps colours apart, colours are counted and indexed on the canonical
        // pixels and only the palette is translated (most rectangles of a desktop are fills or
        // palettes); the pixels themselves only for gradient and full-colour data.
        PixelTranslator late = pixels.keepsEveryColour() ? pixels : null;
        if (late != null) {
            countColours(fb.pixels(), r.y() * fb.width() + r.x(), fb.width(), r.width(), r.height());
        } else {
            pixels.translate(fb, r, values, 0);
            countColours(values, 0, r.width(), r.width(), r.height());
        }
        int colours = palette.overflow() ? Integer.MAX_VALUE : palette.size();
        if (colours == 1) {
            out.u8(0x80 | takeResets());
            tp.write(out, PixelTranslator.wire(late, palette.colour(0)));
            return;
        }
        boolean jpegAllowed = jpegLevel >= 0 && !losslessOnly && f.trueColour() && f.bitsPerPixel() >= 16;
        if (jpegAllowed && colours > PHOTO_COLOURS && n >= JPEG_MIN_PIXELS) {
            writeJpeg(fb, r, out);
            lastLossy = true;
            return;
        }
        if (png) {
            writePng(fb, r, out);
            return;
        }
        if (colours <= 256) {
            if (late != null) {
                writePalette(fb.pixels(), r.y() * fb.width() + r.x(), fb.width(), r.width(), r.height(), colours, tp,
                        late, out);
            } else {
                writePalette(values, 0, r.width(), r.width(), r.height(), colours, tp, null, out);
            }
            return;
        }
        if (late != null) {
            pixels.translate(fb, r, values, 0);
        }
        if (tp.rgb888() && TightGradient.smooth(values, r.width(), r.height(), f)) {
            out.u8((STREAM_FULL << 4) | 0x40 | takeResets());
            out.u8(2); // gradient filter
            plain.reset();
            TightGradient.filter(values, r.width(), r.height(), f, plain);
            writeData(STREAM_FULL, out);
        } else {
            out.u8((STREAM_FULL << 4) | takeResets());
            plain.reset();
            plain.ensure(n * tp.bytes());
            for (int i = 0; i < n; i++) {
                tp.write(plain, values[i]);
            }
            writeData(STREAM_FULL, out);
        }
    }

    /** Always: every stream a shared update uses starts afresh, and says so (see {@link #forgetHistory()}). */
    @Override
    public boolean canShare() {
        return true;
    }

    /**
     * Resets all four streams, here before their next use and at the viewer with the next
     * rectangle's reset bits: the viewer's inflaters may hold any history, or none.
     */
    @Override
    public void forgetHistory() {
        restart(0xf);
    }

    @Override
    public int settings() {
        return level << 8 | (jpegLevel + 1);
    }

    /** The streams in {@code mask} start afresh: reset here at their next use, at the viewer by the next rectangle. */
    private void restart(int mask) {
        resetMask |= mask;
        stale |= mask;
        standAlone |= mask;
    }

    private int takeResets() {
        int m = resetMask;
        resetMask = 0;
        return m;
    }

    /** Fills the palette with the colours of a {@code w}x{@code h} block of {@code px} (rows {@code stride} apart), up to its limit. */
    private void countColours(int[] px, int from, int stride, int w, int h) {
        palette.reset();
        int prev = px[from];
        palette.add(prev);
        for (int y = 0; y < h && !palette.overflow(); y++) {
            int row = from + y * stride;
            for (int x = 0; x < w; x++) {
                int v = px[row + x];
                if (v != prev) {
                    prev = v;
                    if (!palette.add(v)) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Palette data of a block of {@code values} (rows {@code stride} apart) whose colours are in
     * the palette; {@code late} turns palette colours into client pixels (null: they are, see
     * {@link PixelTranslator#wire}).
     */
    private void writePalette(int[] values, int from, int stride, int w, int h, int colours, TightPixel tp,
            PixelTranslator late, OutBuffer out) {
        int stream = colours == 2 ? STREAM_MONO : STREAM_INDEXED;
        out.u8((stream << 4) | 0x40 | takeResets());
        out.u8(1); // palette filter
        out.u8(colours - 1);
        for (int i = 0; i < colours; i++) {
            int c = palette.colour(i);
            tp.write(out, PixelTranslator.wire(late, c));
        }
        plain.reset();
        if (colours == 2) {
            int first = palette.colour(0);
            for (int y = 0; y < h; y++) {
                int acc = 0;
                int bits = 0;
                int row = from + y * stride;
                for (int x = 0; x < w; x++) {
                    acc = (acc << 1) | (values[row + x] == first ? 0 : 1);
                    if (++bits == 8) {
                        plain.u8(acc);
                        acc = 0;
                        bits = 0;
                    }
                }
                if (bits > 0) {
                    plain.u8(acc << (8 - bits));
                }
            }
        } else {
            plain.ensure(w * h);
            int last = values[from];
            int idx = palette.indexOf(last);
            for (int y = 0; y < h; y++) {
                int row = from + y * stride;
                for (int x = 0; x < w; x++) {
                    int v = values[row + x];
                    if (v != last) {
                        last = v;
                        idx = palette.indexOf(v);
                    }
                    plain.u8(idx);
                }
            }
        }
        writeData(stream, out);
    }

    /** Short data goes out as is; longer data through the stream, prefixed by its compact length. */
    private void writeData(int stream, OutBuffer out) {
        if (plain.size() < MIN_TO_COMPRESS) {
            out.append(plain);
            return;
        }
        if (streams[stream] == null) {
            streams[stream] = new DeflateStream(zlibLevel(stream, level));
        } else if ((stale & 1 << stream) != 0) {
            // Lazily: a reset clears deflate's tables, which costs time for a stream that may stay unused.
            streams[stream].reset();
        }
        stale &= ~(1 << stream);
        if ((standAlone & 1 << stream) != 0) {
            // No-op for the block that starts the stream afresh; a full flush before later ones.
            streams[stream].forgetHistory();
        }
        OutBuffer z = new OutBuffer(plain.size() / 2 + 64);
        streams[stream].compress(plain.array(), 0, plain.size(), z);
        compactLength(out, z.size());
        out.append(z);
    }

    static void compactLength(OutBuffer out, int len) {
        if (len < 0x80) {
            out.u8(len);
        } else if (len < 0x4000) {
            out.u8(0x80 | (len & 0x7f)).u8(len >> 7);
        } else {
            out.u8(0x80 | (len & 0x7f)).u8(0x80 | (len >> 7 & 0x7f)).u8(len >> 14);
        }
    }

    private void writeJpeg(Framebuffer fb, Rect r, OutBuffer out) {
        if (jpeg == null) {
            jpeg = JpegCompressors.best();
        }
        int q = JPEG_QUALITY[Math.min(9, jpegLevel)];
        byte[] data = jpeg.compress(fb.pixels(), r.y() * fb.width() + r.x(), fb.width(), r.width(), r.height(), q,
                jpegLevel < 7);
        out.u8(0x90 | takeResets());
        compactLength(out, data.length);
        out.bytes(data);
    }

    private void writePng(Framebuffer fb, Rect r, OutBuffer out) {
        BufferedImage img = new BufferedImage(r.width(), r.height(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, r.width(), r.height(), fb.pixels(), r.y() * fb.width() + r.x(), fb.width());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.u8(0xA0 | takeResets());
        compactLength(out, bytes.size());
        out.bytes(bytes.toByteArray());
    }

    @Override
    public void close() {
        for (DeflateStream s : streams) {
            if (s != null) {
                s.end();
            }
        }
        if (jpeg != null) {
            jpeg.close();
        }
    }
}
