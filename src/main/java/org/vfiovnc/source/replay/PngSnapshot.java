package org.vfiovnc.source.replay;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.surface.DisplaySurface;

/** Saves one frame of a source as a PNG (the JDK's encoder; canonical RGB, no alpha). */
public final class PngSnapshot {
    private PngSnapshot() {}

    /** The canonical 0x00RRGGBB pixels of a surface, row-major. */
    public static int[] canonical(DisplaySurface s) {
        int[] px = new int[s.width() * s.height()];
        for (int y = 0; y < s.height(); y++) {
            s.layout().toCanonical(s.pixels(), y * s.stride(), px, y * s.width(), s.width());
        }
        return px;
    }

    /** Waits up to {@code timeoutMs} for a picture from the open source and writes it to {@code png}. */
    public static DisplaySurface save(DisplaySource source, Path png, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            Optional<DisplaySurface> s = source.acquire();
            if (s.isPresent()) {
                write(s.get(), png);
                return s.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("source " + source.describe() + " shows no picture");
            }
            Thread.sleep(50);
        }
    }

    public static void write(DisplaySurface s, Path png) throws IOException {
        BufferedImage img = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, s.width(), s.height(), canonical(s), 0, s.width());
        if (!ImageIO.write(img, "png", png.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }
}
