package org.vfiovnc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.shinyhut.vernacular.client.VernacularClient;
import com.shinyhut.vernacular.client.VernacularConfig;
import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A real third-party viewer (vernacular) connected to a test server, remembering the last image it
 * decoded and any error it reported.
 */
public final class Vernacular implements AutoCloseable {
    private final VernacularClient client;
    private final AtomicReference<BufferedImage> last = new AtomicReference<>();
    private final AtomicInteger updates = new AtomicInteger();
    private final CopyOnWriteArrayList<String> errors = new CopyOnWriteArrayList<>();

    private Vernacular(VernacularConfig config) {
        config.setScreenUpdateListener(img -> {
            last.set(copy(img));
            updates.incrementAndGet();
        });
        config.setErrorListener(e -> errors.add(String.valueOf(e)));
        this.client = new VernacularClient(config);
    }

    /** Connects with the given colour depth; {@code tune} may enable encodings, set a password, etc. */
    public static Vernacular connect(int port, ColorDepth depth, Consumer<VernacularConfig> tune) {
        VernacularConfig c = new VernacularConfig();
        c.setColorDepth(depth);
        c.setTargetFramesPerSecond(30);
        c.setShared(true);
        tune.accept(c);
        Vernacular v = new Vernacular(c);
        v.client.start("127.0.0.1", port);
        return v;
    }

    /** Lets the viewer ask for {@code encoding} only ("copyrect", "rre", "hextile" or "zlib"; Raw is always there). */
    public static Consumer<VernacularConfig> only(String encoding) {
        return c -> {
            c.setEnableCopyrectEncoding(encoding.equals("copyrect"));
            c.setEnableRreEncoding(encoding.equals("rre"));
            c.setEnableHextileEncoding(encoding.equals("hextile"));
            c.setEnableZLibEncoding(encoding.equals("zlib"));
        };
    }

    private static BufferedImage copy(Image img) {
        BufferedImage src = (BufferedImage) img;
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(src, 0, 0, null);
        return out;
    }

    public BufferedImage lastImage() {
        return last.get();
    }

    public int updateCount() {
        return updates.get();
    }

    public java.util.List<String> errors() {
        return errors;
    }

    public boolean isRunning() {
        return client.isRunning();
    }

    public VernacularClient client() {
        return client;
    }

    /**
     * Waits until the decoded image matches {@code expected} within {@code tolerance}, failing with
     * the last difference after {@code seconds}.
     */
    public void awaitImage(Supplier<int[]> expected, int width, int tolerance, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String lastProblem = "no image received";
        while (System.nanoTime() < deadline) {
            if (!errors.isEmpty()) {
                fail("viewer reported errors: " + errors);
            }
            BufferedImage img = last.get();
            if (img != null) {
                if (img.getWidth() != width) {
                    lastProblem = "image width " + img.getWidth() + " != " + width;
                } else {
                    lastProblem = Pixels.compare(expected.get(), Pixels.of(img), width, tolerance);
                    if (lastProblem == null) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        fail("viewer image never matched: " + lastProblem + "; updates " + updates.get() + ", errors " + errors);
    }

    @Override
    public void close() {
        client.stop();
    }
}
