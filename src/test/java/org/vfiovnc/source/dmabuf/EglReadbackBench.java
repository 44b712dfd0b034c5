package org.vfiovnc.source.dmabuf;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.vfiovnc.surface.PixelLayout;

/**
 * Benchmark, not a test: 1080p EGL readback (first read incl. import, then steady state) against a
 * plain copy of the same bytes out of the same mapping. Run:
 * <pre>mvn -B -o -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.vfiovnc.source.dmabuf.EglReadbackBench</pre>
 */
public final class EglReadbackBench {
    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static final int ROUNDS = 60;

    private EglReadbackBench() {}

    public static void main(String[] args) throws Exception {
        try (EglDmaBufReader reader = EglDmaBufReader.open()) {
            System.out.println(reader.describe());
            warmUp(reader);
            for (PixelLayout layout : new PixelLayout[] {PixelLayout.XR24, PixelLayout.XB24, PixelLayout.RG16}) {
                run(reader, layout);
            }
        }
    }

    private static void run(EglDmaBufReader reader, PixelLayout layout) throws Exception {
        int stride = WIDTH * layout.bytesPerPixel();
        long size = (long) stride * HEIGHT;
        try (Memfd memfd = new Memfd("bench", size)) {
            byte[] noise = new byte[(int) size];
            new Random(1).nextBytes(noise);
            memfd.bytes().put(0, noise);
            DmaBuf buf = new DmaBuf(memfd.fd, WIDTH, HEIGHT, stride, 0, layout.fourcc(), 0, size);

            long t0 = System.nanoTime();
            String readAs = reader.read(buf, 0).layout().fourccName();
            double first = (System.nanoTime() - t0) / 1e6;
            double[] steady = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long t = System.nanoTime();
                reader.read(buf, i);
                steady[i] = (System.nanoTime() - t) / 1e6;
            }
            ByteBuffer copy = ByteBuffer.allocateDirect((int) size);
            double[] memcpy = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long t = System.nanoTime();
                copy.put(0, memfd.bytes(), 0, (int) size);
                memcpy[i] = (System.nanoTime() - t) / 1e6;
            }
            reader.forget(buf);
            double readMedian = median(steady);
            double copyMedian = median(memcpy);
            System.out.printf("%s %dx%d (read as %s): first %.1f ms, steady median %.2f ms (min %.2f), "
                            + "memcpy median %.2f ms (min %.2f), readback/memcpy %.1fx%n",
                    layout.fourccName(), WIDTH, HEIGHT, readAs, first, readMedian, min(steady), copyMedian, min(memcpy),
                    readMedian / copyMedian);
        }
    }

    /** One small read first, so "first" below is an import + first read, not JIT and Mesa start-up. */
    private static void warmUp(EglDmaBufReader reader) throws Exception {
        try (Memfd memfd = new Memfd("warm-up", 64 * 64 * 4)) {
            DmaBuf buf = new DmaBuf(memfd.fd, 64, 64, 256, 0, PixelLayout.XR24.fourcc(), 0, memfd.size);
            reader.read(buf, 0);
            reader.forget(buf);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }
}
