package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.FaultySource;
import org.vfiovnc.testing.LibVncWatcher;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.RawViewer;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.WatchingViewer;

/**
 * 32 viewers (half real vernacular viewers, a quarter real libvncclient viewers in their own
 * processes, a quarter minimal raw-socket viewers) on a source that
 * changes every frame, with one viewer replaced every second. At the end the source is frozen and
 * every viewer must show exactly the final picture; after all disconnect, open file descriptors,
 * threads and heap after GC must be back near where they started.
 * Duration: {@code -Dsoak.seconds=N} (default 60, the CI run); the long run is documented in docs/testing.md.
 */
class SoakTest {
    private static final int W = 480;
    private static final int H = 270;
    private static final int VIEWERS = 32;
    /** libvncclient viewers cycle through these preferences, so the soak covers several encoders. */
    private static final String[] LIBVNC_ENCODINGS = {"tight", "zrle", "hextile zlib", "copyrect raw"};

    // The 60 s default soak with its warm-up and settling takes about 90 s on 2 cores. A longer
    // -Dsoak.seconds run needs -Djunit.jupiter.execution.timeout.mode=disabled as well.
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void manyViewersWithChurnEndExactAndLeakNothing() throws Exception {
        int seconds = Integer.getInteger("soak.seconds", 60);
        Logger rfbLog = Logger.getLogger("org.vfiovnc.rfb");
        Level oldLevel = rfbLog.getLevel();
        rfbLog.setLevel(Level.WARNING); // one line per connect/disconnect would drown the output
        FaultySource source = new FaultySource(W, H);
        RfbConfig config = RfbConfig.defaults(List.of(new NoneSecurity())).withMaxClients(VIEWERS + 8);
        try (VncServer server = TestServer.start(source, config, NoInputSink.INSTANCE)) {
            // Warm-up: one viewer of each kind, so class loading and the JDK's image caches are part
            // of the baseline, not counted as growth.
            try (WatchingViewer w = WatchingViewer.connect(server.port()); RawViewer r = RawViewer.connect(server.port())) {
                assertTrue(w.awaitUpdates(5, 10_000), "warm-up viewer served: " + w.errors());
            }
            settle();
            long fdsBefore = openFds();
            int threadsBefore = Thread.activeCount();
            long heapBefore = heapAfterGc();

            List<WatchingViewer> full = new ArrayList<>();
            List<RawViewer> raw = new ArrayList<>();
            List<LibVncWatcher> libvnc = new ArrayList<>();
            for (int i = 0; i < VIEWERS / 2; i++) {
                full.add(WatchingViewer.connect(server.port()));
                if (i % 2 == 0) {
                    raw.add(RawViewer.connect(server.port()));
                } else {
                    libvnc.add(LibVncWatcher.connect(server.port(), LIBVNC_ENCODINGS[libvnc.size() % LIBVNC_ENCODINGS.length]));
                }
            }
            Random rnd = new Random(42);
            long end = System.currentTimeMillis() + seconds * 1000L;
            int churned = 0;
            while (System.currentTimeMillis() < end) {
                Thread.sleep(1000);
                int kind = rnd.nextInt(4);
                if (kind < 2) {
                    int i = rnd.nextInt(full.size());
                    full.get(i).close();
                    full.set(i, WatchingViewer.connect(server.port()));
                } else if (kind == 2) {
                    int i = rnd.nextInt(raw.size());
                    raw.get(i).close();
                    raw.set(i, RawViewer.connect(server.port()));
                } else {
                    int i = rnd.nextInt(libvnc.size());
                    libvnc.get(i).close();
                    libvnc.set(i, LibVncWatcher.connect(server.port(), LIBVNC_ENCODINGS[i % LIBVNC_ENCODINGS.length]));
                }
                churned++;
                for (RawViewer r : raw) {
                    assertNull(r.error(), "raw viewer dropped by the server");
                }
                for (LibVncWatcher l : libvnc) {
                    assertTrue(l.isAlive(), "libvncclient viewer dropped: " + l.log());
                }
            }

            source.freeze(true);
            int[] expected = source.expected();
            for (WatchingViewer v : full) {
                assertTrue(v.awaitPicture(px -> Pixels.compare(expected, px, W, 0) == null, 30_000),
                        "vernacular viewer shows the final picture: "
                                + (v.pixels() == null ? "nothing" : Pixels.compare(expected, v.pixels(), W, 0)) + " " + v.errors());
                assertTrue(v.errors().isEmpty(), v.errors().toString());
            }
            for (RawViewer r : raw) {
                long until = System.currentTimeMillis() + 30_000;
                while (Pixels.compare(expected, r.pixels(), W, 0) != null && System.currentTimeMillis() < until) {
                    Thread.sleep(20);
                }
                assertNull(Pixels.compare(expected, r.pixels(), W, 0), "raw viewer shows the final picture");
                assertNull(r.error());
            }
            for (LibVncWatcher l : libvnc) {
                long until = System.currentTimeMillis() + 30_000;
                int[] shown = l.pixels();
                while ((shown == null || Pixels.compare(expected, shown, W, 0) != null) && System.currentTimeMillis() < until) {
                    Thread.sleep(200);
                    shown = l.pixels();
                }
                assertNull(shown == null ? "no picture" : Pixels.compare(expected, shown, W, 0),
                        "libvncclient viewer shows the final picture: " + l.log());
            }
            assertEquals(VIEWERS, server.rfb().clientCount());
            System.out.println("soak: " + seconds + " s, " + VIEWERS + " viewers, " + churned + " replaced, "
                    + server.loop().framesDiffed() + " frames diffed");

            for (WatchingViewer v : full) {
                v.close();
            }
            for (RawViewer r : raw) {
                r.close();
            }
            for (LibVncWatcher l : libvnc) {
                l.close();
            }
            libvnc.clear();
            // The test's own references to the closed viewers and their pictures must not count.
            full.clear();
            raw.clear();
            long until = System.currentTimeMillis() + 20_000;
            while (server.rfb().clientCount() > 0 && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            assertEquals(0, server.rfb().clientCount(), "every session ended");
            settle();
            long fdsAfter = openFds();
            int threadsAfter = Thread.activeCount();
            long heapAfter = heapAfterGc();
            System.out.printf("soak: fds %d -> %d, threads %d -> %d, heap after GC %.1f -> %.1f MB%n",
                    fdsBefore, fdsAfter, threadsBefore, threadsAfter, heapBefore / 1e6, heapAfter / 1e6);
            if (Boolean.getBoolean("soak.histogram")) {
                new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                        .redirectErrorStream(true).redirectOutput(new java.io.File("target/soak-histogram.txt")).start().waitFor();
            }
            assertTrue(fdsAfter <= fdsBefore + 8, "open fds " + fdsBefore + " -> " + fdsAfter);
            assertTrue(threadsAfter <= threadsBefore + 8, "threads " + threadsBefore + " -> " + threadsAfter);
            assertTrue(heapAfter <= heapBefore + (8L << 20), "heap after GC " + heapBefore + " -> " + heapAfter);
        } finally {
            rfbLog.setLevel(oldLevel);
        }
    }

    private static void settle() throws InterruptedException {
        // Closed sockets and finished threads take a moment to go; vernacular stops asynchronously.
        Thread.sleep(2000);
    }

    private static long openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
