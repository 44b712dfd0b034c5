package org.vfiovnc.encoding.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Both JPEG implementations produce images that decode to the input within a small mean error. */
class JpegCompressorTest {

    @Test
    void libjpegTurboIsLoadedAndPreferred() {
        assertTrue(TurboJpegCompressor.available(),
                "libturbojpeg could not be loaded; install Debian package libturbojpeg0 (.ci/run does)");
        try (JpegCompressor best = JpegCompressors.best()) {
            assertEquals("libjpeg-turbo", best.name());
        }
    }

    @Test
    void bothImplementationsRoundTrip() throws Exception {
        int w = 123;
        int h = 77;
        int stride = 200;
        int[] px = new int[stride * (h + 3)];
        for (int y = 0; y < h + 3; y++) {
            for (int x = 0; x < stride; x++) {
                px[y * stride + x] = (x * 2 & 0xff) << 16 | (y * 3 & 0xff) << 8 | ((x + y) & 0xff);
            }
        }
        int offset = 3 * stride + 5;
        TurboJpegCompressor turbo = TurboJpegCompressor.create();
        assertNotNull(turbo);
        for (JpegCompressor c : List.of(turbo, new ImageIoJpegCompressor())) {
            for (boolean subsample : new boolean[] {true, false}) {
                byte[] jpeg = c.compress(px, offset, stride, w, h, 90, subsample);
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
                assertEquals(w, img.getWidth());
                assertEquals(h, img.getHeight());
                long err = 0;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int a = px[offset + y * stride + x];
                        int b = img.getRGB(x, y);
                        for (int s = 0; s <= 16; s += 8) {
                            err += Math.abs((a >> s & 0xff) - (b >> s & 0xff));
                        }
                    }
                }
                double mean = err / (3.0 * w * h);
                assertTrue(mean < 4, c.name() + " mean error " + mean);
            }
            c.close();
        }
    }
}
