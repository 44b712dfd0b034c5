package org.vfiovnc.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/** An XR24 framebuffer file served through the raw source, which a test can paint to change the screen. */
final class PaintedFile {
    final Path path;
    final int width;
    final int height;

    PaintedFile(int width, int height) throws IOException {
        this.path = Files.createTempFile("screen", ".xr24");
        this.width = width;
        this.height = height;
        // Gradients, solid areas and noise, so that every encoder meets every kind of rect.
        int[] px = new int[width * height];
        Random r = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v;
                if (y < height / 3) {
                    v = (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40;
                } else if (y < 2 * height / 3) {
                    v = x < width / 2 ? 0x3366cc : ((x / 8 + y / 8) % 2 == 0 ? 0xffffff : 0x000000);
                } else {
                    v = r.nextInt(0x1000000);
                }
                px[y * width + x] = v;
            }
        }
        write(0, 0, width, height, px);
    }

    String sourceSpec() {
        return "raw:" + path + ":" + width + "x" + height + ":XR24";
    }

    void fill(int x0, int y0, int w, int h, int rgb) throws IOException {
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, rgb);
        write(x0, y0, w, h, px);
    }

    private void write(int x0, int y0, int w, int h, int[] px) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            ByteBuffer row = ByteBuffer.allocate(w * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int y = 0; y < h; y++) {
                row.clear();
                for (int x = 0; x < w; x++) {
                    row.putInt(px[y * w + x]);
                }
                row.flip();
                ch.write(row, ((long) (y0 + y) * width + x0) * 4);
            }
        }
    }
}
