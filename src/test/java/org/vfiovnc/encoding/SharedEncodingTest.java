package org.vfiovnc.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.vfiovnc.damage.Region;
import org.vfiovnc.damage.TileGenerations;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.surface.Rect;

/**
 * The pieces of "encode once, send to many": independent deflate chunks spliced into viewers' zlib
 * streams (decoded by the JDK's zlib inflater, as a viewer's zlib would), the shared cell cache and
 * the cell generations.
 */
class SharedEncodingTest {
    private final SplittableRandom rnd = new SplittableRandom(3);

    private byte[] desktopLike(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (rnd.nextInt(8) == 0 ? rnd.nextInt(256) : (i / 64) & 0x0f);
        }
        return b;
    }

    /** What a viewer does: one inflater for the connection, fed each rectangle's bytes in turn. */
    private static byte[] inflateAll(Inflater inf, byte[] in) throws DataFormatException {
        inf.setInput(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = inf.inflate(buf)) > 0 || !inf.needsInput()) {
            out.write(buf, 0, n);
            if (n == 0 && !inf.needsInput()) {
                break;
            }
        }
        return out.toByteArray();
    }

    @Test
    void chunksFromDifferentCompressorsInflateAsOneStream() throws Exception {
        byte[] a = desktopLike(50_000);
        byte[] b = desktopLike(70_000);
        byte[] ca = IndependentDeflate.compress(a, 0, a.length, 6);
        byte[] cb = IndependentDeflate.compress(b, 0, b.length, 6);
        // Two viewers: one gets a then b, the other only b; each sees a well-formed stream.
        IndependentDeflate.Splicer first = new IndependentDeflate.Splicer();
        IndependentDeflate.Splicer second = new IndependentDeflate.Splicer();
        OutBuffer o1 = new OutBuffer();
        first.write(o1, ca);
        Inflater v1 = new Inflater();
        assertArrayEquals(a, inflateAll(v1, o1.toByteArray()));
        OutBuffer o1b = new OutBuffer();
        first.write(o1b, cb);
        assertEquals(cb.length, o1b.size(), "header only once per connection");
        assertArrayEquals(b, inflateAll(v1, o1b.toByteArray()));
        OutBuffer o2 = new OutBuffer();
        second.write(o2, cb);
        assertArrayEquals(b, inflateAll(new Inflater(), o2.toByteArray()));
    }

    @Test
    void aChunkCanFollowAConnectionsOwnPersistentStream() throws Exception {
        // A viewer first served by a per-connection deflater (today's ZlibEncoder) can switch to shared chunks.
        byte[] own = desktopLike(30_000);
        Deflater d = new Deflater(6);
        d.setInput(own);
        byte[] buf = new byte[100_000];
        int n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        Inflater viewer = new Inflater();
        assertArrayEquals(own, inflateAll(viewer, java.util.Arrays.copyOf(buf, n)));
        byte[] shared = desktopLike(40_000);
        assertArrayEquals(shared, inflateAll(viewer, IndependentDeflate.compress(shared, 0, shared.length, 6)));
        d.end();
    }

    @Test
    void thirtyTwoViewersEncodeEachCellOnce() throws Exception {
        SharedTileCache cache = new SharedTileCache(4);
        SharedTileCache.Key key = new SharedTileCache.Key(PixelFormat.serverDefault(), 16, -1, 6);
        AtomicInteger encodes = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> viewers = new ArrayList<>();
        List<byte[]> got = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int v = 0; v < 32; v++) {
            cache.retain(key);
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                got.add(cache.get(key, 2, 7, () -> {
                    encodes.incrementAndGet();
                    return new byte[] {1, 2, 3};
                }));
            });
            t.start();
            viewers.add(t);
        }
        go.countDown();
        for (Thread t : viewers) {
            t.join();
        }
        assertEquals(1, encodes.get());
        assertEquals(32, got.size());
        for (byte[] b : got) {
            assertSame(got.get(0), b);
        }
        byte[] newer = cache.get(key, 2, 8, () -> new byte[] {9});
        assertArrayEquals(new byte[] {9}, newer);
        assertArrayEquals(new byte[] {9}, cache.get(key, 2, 7, () -> new byte[] {0}), "older request gets the newer cell");
    }

    @Test
    void generationsFollowDamageOnTheGrid() {
        TileGenerations g = new TileGenerations(200, 100, 64);
        assertEquals(4 * 2, g.cellCount());
        Region d = new Region(new Rect(60, 10, 10, 10)); // straddles cells 0 and 1
        assertArrayEquals(new int[] {0, 1}, g.cellsOf(d));
        g.bump(d);
        assertEquals(1, g.generation(0));
        assertEquals(1, g.generation(1));
        assertEquals(0, g.generation(2));
        assertEquals(new Rect(192, 64, 8, 36), g.cellRect(7));
    }

    @Test
    void parallelTilesComeBackInOrderAndEqualSequentialOnes() {
        byte[] frame = desktopLike(64 * 64 * 40);
        int[] tiles = new int[40];
        for (int i = 0; i < tiles.length; i++) {
            tiles[i] = i;
        }
        java.util.function.IntFunction<byte[]> enc = i -> IndependentDeflate.compress(frame, i * 4096, 4096, 6);
        try (ParallelTileEncoder p = new ParallelTileEncoder(3)) {
            byte[][] par = p.encodeAll(tiles, enc);
            for (int i = 0; i < tiles.length; i++) {
                assertArrayEquals(enc.apply(i), par[i], "tile " + i);
            }
        }
    }
}
