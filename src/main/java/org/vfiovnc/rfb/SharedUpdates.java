package org.vfiovnc.rfb;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.vfiovnc.damage.Move;
import org.vfiovnc.encoding.Encoder;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;

/**
 * Encode once, send to many, for whole updates: viewers that request continuously take the same
 * damage after each refresh tick, so with the same pixel format, encoding and settings their
 * FramebufferUpdate messages can be byte for byte the same. The first sender encodes, the others
 * wait for and copy its bytes.
 *
 * <p>Why a shared result is never stale for the viewer that copies it: the key holds the refresh
 * loop's publication count read when the damage was taken (under the session's lock). The loop
 * writes pixels, then steps the count, then tells the sessions. Whoever encoded under count P did
 * so after every write published up to P; a write published later reaches a session that took its
 * update under P only after that take, so it stays pending there and goes out in its next update.
 *
 * <p>Encodings with zlib streams (Zlib, ZRLE, Tight) take part too: the encoding sender's encoder
 * first forgets its history and every copier's encoder forgets it afterwards
 * ({@link Encoder#forgetHistory()}), so a shared update refers to nothing sent before it and a
 * viewer's own next update refers to nothing it did not write itself. ZRLE and Zlib viewers join
 * after their first update of their own, which carries the zlib header ({@link Encoder#canShare()}).
 *
 * <p>Updates with anything per viewer (cursor, pseudo-rectangles, resize, lossless refresh, video: its
 * frames are shared per area instead, see rfb.video) are never shared.
 */
final class SharedUpdates {
    /** Everything the bytes of a shareable update depend on. Framebuffer by identity. */
    record Key(long publication, Framebuffer framebuffer, PixelFormat format, int encoding, int settings,
               List<Move> moves, List<Rect> rects) {}

    /**
     * An encoded update and its figures, which every client that sends it counts, and the pixel
     * rectangles that went out lossy (JPEG), which every client that sends it refreshes later.
     */
    record Encoded(byte[] bytes, EncodingStats.Tally tally, List<Rect> lossy) {}

    /** What a sender got: the update, and whether it encoded it itself (else it copied another's). */
    record Result(Encoded encoded, boolean encodedHere) {}

    /** Different damage sets within one publication are few; this only guards memory. */
    private static final int MAX_ENTRIES = 256;

    private final ConcurrentHashMap<Key, CompletableFuture<Encoded>> entries = new ConcurrentHashMap<>();
    private volatile long newest = -1;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong encodes = new AtomicLong();

    /** Whether {@code u}'s bytes may depend only on the key's parts. */
    static boolean shareable(PendingUpdate u) {
        return u.encoder().canShare() && !u.resize() && u.cursor() == null && u.pseudo().isEmpty() && u.refresh().isEmpty()
                && u.video().isEmpty();
    }

    static Key key(long publication, PendingUpdate u, PixelFormat format) {
        Encoder e = u.encoder();
        return new Key(publication, u.framebuffer(), format, e.encoding(), e.settings(), List.copyOf(u.moves()),
                List.copyOf(u.rects()));
    }

    /** The update: encoded by {@code encode} unless another sender did so under the same key. */
    Result get(Key key, Supplier<Encoded> encode) {
        if (key.publication() > newest) {
            newest = key.publication();
            // Older publications cannot be asked for again by anyone who reads the count now.
            entries.keySet().removeIf(k -> k.publication() < key.publication());
        }
        if (entries.size() > MAX_ENTRIES) {
            entries.clear();
        }
        CompletableFuture<Encoded> mine = new CompletableFuture<>();
        CompletableFuture<Encoded> theirs = entries.putIfAbsent(key, mine);
        if (theirs != null) {
            hits.incrementAndGet();
            return new Result(theirs.join(), false);
        }
        try {
            Encoded e = encode.get();
            encodes.incrementAndGet();
            mine.complete(e);
            return new Result(e, true);
        } catch (RuntimeException | Error e) {
            entries.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Updates copied from another sender's encoding (statistics). */
    long hits() {
        return hits.get();
    }

    /** Updates encoded and offered for sharing (statistics). */
    long encodes() {
        return encodes.get();
    }
}
