package org.vfiovnc.viewers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.PictureSource;
import org.vfiovnc.testing.TestPatterns;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Vernacular;

/**
 * A guest that starts filling the unused fourth byte of its XR24 pixels while viewers watch (a
 * compositor taking over from the console, say): the server stops comparing frames with its one
 * copy of the screen, takes the frame in whole and keeps the source's bytes from then on. Two real
 * viewers with different encodings must show the source's pixels exactly before, at and after the
 * switch, and the log says once why the display now keeps a second copy.
 */
class FourthByteViewerTest {
    private static final int W = 320;
    private static final int H = 200;

    private static int[] picture(int seed, int boxX) {
        int[] px = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                px[y * W + x] = x >= boxX && x < boxX + 40 && y >= 50 && y < 90 ? 0xd04020 : TestPatterns.rgb(x, y, seed);
            }
        }
        return px;
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void viewersStayExactWhenTheSourceStartsFillingTheFourthByte() throws Exception {
        int[] first = picture(4, 20);
        PictureSource source = new PictureSource(first, W, H);
        try (LogCapture log = new LogCapture();
             VncServer server = TestServer.start(source);
             Vernacular zlib = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, Vernacular.only("zlib"));
             Vernacular hextile = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, Vernacular.only("hextile"))) {
            zlib.awaitImage(() -> first, W, 0, 20);
            hextile.awaitImage(() -> first, W, 0, 20);

            // The box moves and from now on the source writes 0xff into every fourth byte. One pixel far
            // from the box changes too: a tick that compares only sampled rows may not look there,
            // and then only the whole frame the switch takes in (and sends) carries it.
            int[] second = picture(4, 120);
            second[187 * W + 301] = 0x00ff00;
            source.show(second, W, H, 0xff);
            zlib.awaitImage(() -> second, W, 0, 20);
            hextile.awaitImage(() -> second, W, 0, 20);

            // Changes after the switch reach both viewers too (the differ now compares the source's bytes).
            int[] third = picture(4, 240);
            source.show(third, W, H, 0xff);
            zlib.awaitImage(() -> third, W, 0, 20);
            hextile.awaitImage(() -> third, W, 0, 20);
            assertEquals(1, log.count("fills the fourth byte of its pixels"), String.join("\n", log.lines()));
        }
    }
}
