package org.vfiovnc.encoding;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.vfiovnc.protocol.PixelFormat;

/**
 * Encoded grid cells shared by all viewers of one display that want the same bytes: same pixel
 * format, encoding and quality settings ({@link Key}). Each cell holds its newest encoding under
 * the cell's generation (see {@code damage.TileGenerations}); the first viewer to ask encodes it,
 * viewers asking at the same time wait for that result, later ones copy it. Memory is bounded by
 * one encoded frame per key in use.
 */
public final class SharedTileCache {

    /** What makes two viewers' encodings of the same pixels identical. */
    public record Key(PixelFormat format, int encoding, int quality, int compression) {
        public Key {
            Objects.requireNonNull(format);
        }
    }

    private static final class Slot {
        long generation = -1;
        byte[] bytes;
    }

    private final int cells;
    private final ConcurrentHashMap<Key, Slot[]> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, Integer> users = new ConcurrentHashMap<>();

    public SharedTileCache(int cells) {
        this.cells = cells;
    }

    /** A viewer starts using {@code key}. */
    public void retain(Key key) {
        users.merge(key, 1, Integer::sum);
    }

    /** A viewer stops using {@code key}; the last one frees its cells. */
    public void release(Key key) {
        users.computeIfPresent(key, (k, n) -> {
            if (n <= 1) {
                byKey.remove(k);
                return null;
            }
            return n - 1;
        });
    }

    /**
     * The encoding of {@code cell} at {@code generation}, computed by {@code encode} only if no
     * viewer with the same key has done so for that generation.
     */
    public byte[] get(Key key, int cell, long generation, Supplier<byte[]> encode) {
        Slot slot = byKey.computeIfAbsent(key, k -> newSlots())[cell];
        synchronized (slot) {
            // A newer generation is fine too: the viewer will also get the damage that made it.
            if (slot.generation < generation || slot.bytes == null) {
                slot.bytes = encode.get();
                slot.generation = generation;
            }
            return slot.bytes;
        }
    }

    private Slot[] newSlots() {
        Slot[] s = new Slot[cells];
        for (int i = 0; i < cells; i++) {
            s[i] = new Slot();
        }
        return s;
    }
}
