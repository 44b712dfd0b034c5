package org.vfiovnc.encoding.jpeg;

import java.util.List;
import java.util.Random;

/**
 * Benchmark (not a test): compresses a 1920x1080 frame of desktop-like and photo-like content with
 * libjpeg-turbo and with javax.imageio and prints MPixel/s and the compression ratio (against 24-bit RGB).
 * Run: java -cp target/classes:target/test-classes:$(JNA jar) org.vfiovnc.encoding.jpeg.JpegBench
 */
public final class JpegBench {
    private JpegBench() {}

    public static void main(String[] args) {
        int w = 1920;
        int h = 1080;
        int[] px = new int[w * h];
        Random rnd = new Random(1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 255 / w + rnd.nextInt(12)) & 0xff;
                int g = (y * 255 / h + rnd.nextInt(12)) & 0xff;
                int b = ((x ^ y) >> 3) & 0xff;
                px[y * w + x] = r << 16 | g << 8 | b;
            }
        }
        int quality = args.length > 0 ? Integer.parseInt(args[0]) : 75;
        TurboJpegCompressor turbo = TurboJpegCompressor.create();
        List<JpegCompressor> all = turbo == null ? List.of(new ImageIoJpegCompressor())
                : List.of(turbo, new ImageIoJpegCompressor());
        for (JpegCompressor c : all) {
            for (int warm = 0; warm < 3; warm++) {
                c.compress(px, 0, w, w, h, quality, true);
            }
            int rounds = 10;
            long size = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                size = c.compress(px, 0, w, w, h, quality, true).length;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%-14s q%d 4:2:0  %7.1f MPixel/s  ratio %5.1f:1  (%d bytes/frame)%n", c.name(), quality,
                    (double) w * h * rounds / secs / 1e6, (double) w * h * 3 / size, size);
            c.close();
        }
    }
}
