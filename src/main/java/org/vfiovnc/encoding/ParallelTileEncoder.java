package org.vfiovnc.encoding;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Encodes independent tiles (grid cells whose bytes do not depend on each other: raw-ish encodings,
 * {@link IndependentDeflate} chunks) on all cores and returns them in request order, so one big
 * update costs wall time / cores. Few tiles are encoded on the caller's thread: handing them over
 * would cost more than it saves. One shared instance per server.
 */
public final class ParallelTileEncoder implements AutoCloseable {
    /** Below this many tiles the caller encodes them itself. */
    static final int MIN_PARALLEL = 4;

    private final ExecutorService pool;
    private final int threads;

    public ParallelTileEncoder(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "tile-encoder");
            t.setDaemon(true);
            return t;
        });
    }

    public static ParallelTileEncoder allCores() {
        return new ParallelTileEncoder(Runtime.getRuntime().availableProcessors());
    }

    /** {@code encode.apply(tiles[i])} for every i, in order; a failure of any tile is rethrown. */
    public byte[][] encodeAll(int[] tiles, IntFunction<byte[]> encode) {
        byte[][] out = new byte[tiles.length][];
        if (tiles.length < MIN_PARALLEL || threads == 1) {
            for (int i = 0; i < tiles.length; i++) {
                out[i] = encode.apply(tiles[i]);
            }
            return out;
        }
        // Contiguous slices, one per thread, keep each worker on neighbouring rows (cache friendly).
        int slices = Math.min(threads, tiles.length);
        List<Future<?>> running = new ArrayList<>(slices);
        for (int s = 0; s < slices; s++) {
            int from = tiles.length * s / slices;
            int to = tiles.length * (s + 1) / slices;
            running.add(pool.submit(() -> {
                for (int i = from; i < to; i++) {
                    out[i] = encode.apply(tiles[i]);
                }
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while encoding tiles", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("tile encoding failed", e.getCause());
            }
        }
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
