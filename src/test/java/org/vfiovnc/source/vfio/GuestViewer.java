package org.vfiovnc.source.vfio;

import com.shinyhut.vernacular.client.VernacularClient;
import com.shinyhut.vernacular.client.VernacularConfig;
import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The viewer of the guest tests, run inside the QEMU guest: a real RFB client (vernacular) stays
 * connected and waits for each expected picture in turn, touching DIR/step-N when step N is seen
 * so the guest script can make the next change. A step is {@code WxH:SEED} (exact pattern pixels
 * at that size: a size change proves DesktopSize reached the connected viewer) or {@code nosignal}.
 * Exit 0 when all steps were seen, 1 (with the last frame's first mismatch) on timeout or error.
 *
 * <p>Usage: GuestViewer PORT DIR TIMEOUT_S STEP...
 */
public final class GuestViewer {
    /** The no-signal frame's background (damage.NoSignalFrame). */
    static final int NO_SIGNAL = 0x101418;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        long timeoutMs = Long.parseLong(args[2]) * 1000;
        AtomicReference<BufferedImage> latest = new AtomicReference<>();
        AtomicReference<String> error = new AtomicReference<>();
        VernacularConfig config = new VernacularConfig();
        config.setColorDepth(ColorDepth.BPP_24_TRUE);
        config.setShared(true);
        config.setTargetFramesPerSecond(5);
        config.setErrorListener(e -> error.set(String.valueOf(e)));
        config.setScreenUpdateListener(img -> latest.set((BufferedImage) img));
        VernacularClient client = new VernacularClient(config);
        client.start("127.0.0.1", port);
        int code = 0;
        try {
            for (int i = 3; i < args.length; i++) {
                int step = i - 2;
                String want = args[i];
                long deadline = System.currentTimeMillis() + timeoutMs;
                String why = "no frame yet";
                while (true) {
                    if (error.get() != null) {
                        System.out.println("viewer error: " + error.get());
                        code = 1;
                        break;
                    }
                    BufferedImage img = latest.get();
                    if (img != null) {
                        why = check(img, want);
                        if (why == null) {
                            System.out.println("step " + step + " ok: " + want);
                            Files.writeString(dir.resolve("step-" + step), want + "\n");
                            break;
                        }
                    }
                    if (System.currentTimeMillis() > deadline) {
                        System.out.println("step " + step + " FAILED waiting for " + want + ": " + why);
                        code = 1;
                        break;
                    }
                    Thread.sleep(100);
                }
                if (code != 0) {
                    break;
                }
            }
        } finally {
            client.stop();
        }
        System.out.println(code == 0 ? "viewer ok" : "viewer failed");
        System.exit(code);
    }

    /** Null when the image is what {@code want} describes, else the first difference. */
    static String check(BufferedImage img, String want) {
        if (want.equals("nosignal")) {
            int p = img.getRGB(0, 0) & 0xffffff;
            return p == NO_SIGNAL ? null : String.format("pixel (0,0) is %06x, not the no-signal %06x", p, NO_SIGNAL);
        }
        String[] sizeSeed = want.split(":");
        String[] wh = sizeSeed[0].split("x");
        int w = Integer.parseInt(wh[0]);
        int h = Integer.parseInt(wh[1]);
        int seed = Integer.parseInt(sizeSeed[1]);
        if (img.getWidth() != w || img.getHeight() != h) {
            return "frame is " + img.getWidth() + "x" + img.getHeight() + ", want " + w + "x" + h;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int got = img.getRGB(x, y) & 0xffffff;
                int exp = GuestPattern.rgb(x, y, seed);
                if (got != exp) {
                    return String.format("pixel (%d,%d) is %06x, want %06x (seed %d)", x, y, got, exp, seed);
                }
            }
        }
        return null;
    }
}
