package org.vfiovnc.viewers;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.BrowserDriver;
import org.vfiovnc.testing.LibVncWatcher;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.TransportOptions;
import org.vfiovnc.transport.http.StaticFiles;

/**
 * A screen where something always moves still ends up exact where it rests, in real viewers that
 * take JPEG: a photo-like 1280x720 picture changes everywhere for 2 s (so every part of it goes out
 * lossy), then only its right half keeps changing. The left half, compared with the source file's
 * own pixels, must be exact within 2 s while the right half goes on moving. With one quiet clock for
 * all lossy areas, the left half stayed blurred for as long as anything moved.
 */
class LosslessRefreshViewerTest {
    private static final int W = 1280;
    private static final int H = 720;
    private static final int HALF = 640;
    private static final long EVERYWHERE_MS = 2_000;
    private static final long EXACT_WITHIN_MS = 2_000;
    private static final int JPEG_QUALITY = 6;
    /** The scene's frame interval: a 10 fps video-like change, enough to keep an area busy. */
    private static final long FRAME_MS = 100;

    /** A viewer whose picture the test can read: canonical 0x00RRGGBB, W*H. */
    private interface Viewer {
        int[] pixels() throws Exception;

        /** What the viewer said meanwhile, for a failure's message. */
        default String said() throws Exception {
            return "";
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // starts Chromium: a few seconds; the scene runs about 10 s
    void theRestingHalfBecomesExactInNoVnc() throws Exception {
        try (MovingScene scene = new MovingScene();
             VncServer server = start(scene, true);
             BrowserDriver browser = BrowserDriver.start()) {
            // The served page with noVNC's defaults: Tight first, JPEG at quality 6.
            browser.open("http://127.0.0.1:" + server.port() + "/", null);
            // The page shows the whole screen before the scene starts: on a loaded machine Chromium
            // took seconds to connect, and the timed phases below ran out before it had a picture.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            BrowserDriver.Canvas c = browser.canvas();
            while ((c.width() != W || c.height() != H) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                c = browser.canvas();
            }
            assertTrue(c.width() == W && c.height() == H, "the page shows a " + c.width() + "x" + c.height()
                    + " canvas, not the " + W + "x" + H + " screen; its log: " + browser.log());
            restingHalfBecomesExact(scene, new Viewer() {
                @Override
                public int[] pixels() throws Exception {
                    return browser.canvas().pixels();
                }

                @Override
                public String said() throws Exception {
                    return "; the page's log: " + browser.log();
                }
            });
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theRestingHalfBecomesExactInLibVncClient() throws Exception {
        try (MovingScene scene = new MovingScene();
             VncServer server = start(scene, false)) {
            LibVncWatcher viewer = LibVncWatcher.connect(server.port(), "tight", JPEG_QUALITY);
            try {
                restingHalfBecomesExact(scene, () -> {
                    int[] px = viewer.pixels();
                    assertNotNull(px, "libvncclient did not write its picture: " + viewer.log());
                    return px;
                });
            } finally {
                viewer.close();
            }
        }
    }

    private static VncServer start(MovingScene scene, boolean withPage) throws IOException {
        TransportOptions transport = withPage
                ? TransportOptions.sniffing(new StaticFiles(Tools.projectDir().resolve("web")), null)
                : TransportOptions.plainRfb();
        return VncServer.start(SourceCatalog.create(scene.spec()), TestServer.fastPacing(),
                RfbConfig.defaults(List.of(new NoneSecurity())), NoInputSink.INSTANCE, new ListenAddress("127.0.0.1", 0),
                transport);
    }

    private static void restingHalfBecomesExact(MovingScene scene, Viewer viewer) throws Exception {
        scene.startMoving();
        Thread.sleep(EVERYWHERE_MS);
        scene.onlyRightHalf();
        long rested = System.nanoTime();
        int[] expected = scene.leftHalf();
        // Right after the left half came to rest, the viewer still shows it as JPEG made it: proof
        // that the lossy path ran at all (a lossless viewer would pass the rest of this test anyway).
        int blurred = differing(expected, viewer.pixels());
        assertTrue(blurred > 0, "the left half was exact at once: no JPEG was sent");
        int last = blurred;
        while (System.nanoTime() - rested < TimeUnit.MILLISECONDS.toNanos(EXACT_WITHIN_MS)) {
            last = differing(expected, viewer.pixels());
            if (last == 0) {
                assertTrue(scene.stillMoving(), "the right half must be moving the whole time");
                return;
            }
            Thread.sleep(50);
        }
        fail("the resting left half was not exact " + EXACT_WITHIN_MS + " ms after it came to rest while the right"
                + " half moved: " + last + " of " + HALF * H + " pixels differ (" + blurred + " at rest)" + viewer.said());
    }

    /** Pixels of the left half that differ; the whole half when the viewer shows another size. */
    private static int differing(int[] expectedLeft, int[] shown) {
        if (shown.length != W * H) {
            return HALF * H;
        }
        int n = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < HALF; x++) {
                if ((shown[y * W + x] & 0xffffff) != expectedLeft[y * HALF + x]) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * A raw XR24 file served with the raw: source, repainted 10 times a second by its own
     * thread with a photo-like picture (gradients and noise: Tight sends it as JPEG), first all of
     * it, then only the right half.
     */
    private static final class MovingScene implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final IntBuffer pixels;
        private final AtomicBoolean rightOnly = new AtomicBoolean();
        private final AtomicLong frames = new AtomicLong();
        private volatile boolean running = true;
        private Thread painter;

        MovingScene() throws IOException {
            file = Files.createTempFile("moving", ".xr24");
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) W * H * 4);
            pixels = map.order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            paint(0, 0, W);
        }

        String spec() {
            return "raw:" + file + ":" + W + "x" + H + ":XR24";
        }

        void startMoving() {
            painter = new Thread(() -> {
                for (int frame = 1; running; frame++) {
                    paint(frame, rightOnly.get() ? HALF : 0, W);
                    frames.incrementAndGet();
                    try {
                        Thread.sleep(FRAME_MS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "moving-scene");
            painter.setDaemon(true);
            painter.start();
        }

        /** From now on only x >= HALF changes; returns once a frame was painted that way. */
        void onlyRightHalf() throws InterruptedException {
            rightOnly.set(true);
            long after = frames.get() + 2;
            while (frames.get() < after) {
                Thread.sleep(5);
            }
        }

        boolean stillMoving() {
            return painter != null && painter.isAlive();
        }

        /** The left half as the file holds it now (it no longer changes). */
        int[] leftHalf() {
            int[] out = new int[HALF * H];
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < HALF; x++) {
                    out[y * HALF + x] = pixels.get(y * W + x) & 0xffffff;
                }
            }
            return out;
        }

        private void paint(int frame, int x0, int x1) {
            long seed = 0x9E3779B97F4A7C15L * (frame + 1);
            for (int y = 0; y < H; y++) {
                for (int x = x0; x < x1; x++) {
                    seed = seed * 6364136223846793005L + 1442695040888963407L;
                    int noise = (int) (seed >>> 58); // 0..63
                    int r = (x * 255 / W + frame * 9 + noise) & 0xff;
                    int g = (y * 255 / H + frame * 5) & 0xff;
                    int b = ((x + y) * 255 / (W + H) + noise * 2) & 0xff;
                    pixels.put(y * W + x, r << 16 | g << 8 | b);
                }
            }
        }

        @Override
        public void close() throws IOException {
            running = false;
            if (painter != null) {
                painter.interrupt();
            }
            channel.close();
            Files.deleteIfExists(file);
        }
    }
}
