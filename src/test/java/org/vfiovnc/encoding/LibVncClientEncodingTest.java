package org.vfiovnc.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.Ppm;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;

/**
 * libvncclient (a real, independent decoder) forced to one encoding at 8, 16 and 32 bpp: what it
 * decoded must equal the server's framebuffer, reduced to the client's colour depth.
 */
class LibVncClientEncodingTest {
    private static Path client;
    private static VncServer server;

    @BeforeAll
    static void setUp() throws Exception {
        if (!Files.exists(Path.of("/usr/include/rfb/rfbclient.h"))) {
            throw new AssertionError("libvncclient headers missing; install Debian package libvncserver-dev (.ci/run does)");
        }
        client = Tools.compileC("native-stubs/viewers/vncclient-capture.c", "-lvncclient");
        server = TestServer.start(SourceCatalog.create("demo:333x222:paused"));
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0} at {1} bpp")
    @CsvSource({
        "raw,32", "raw,16", "raw,8",
        "copyrect,32", "copyrect,16", "copyrect,8",
        "rre,32", "rre,16", "rre,8",
        "hextile,32", "hextile,16", "hextile,8",
        "zlib,32", "zlib,16", "zlib,8",
        "tight,32", "tight,16", "tight,8",
        "zrle,32", "zrle,16", "zrle,8",
    })
    void decodesExactly(String encoding, int bpp) throws Exception {
        Ppm got = capture(encoding, bpp, 150, null);
        int[] want = reduce(TestServer.snapshot(server), bpp);
        assertEquals(333, got.width);
        assertEquals(222, got.height);
        assertNull(Pixels.compare(want, got.rgb, got.width, 0), encoding + " at " + bpp + " bpp");
    }

    /**
     * Tight with a JPEG quality level: the first update is lossy (close to the surface, mean channel
     * error at most 8, not exact), and once the screen stays still the lossless refresh makes it exact.
     */
    @ParameterizedTest(name = "tight JPEG at {0} bpp, then lossless")
    @CsvSource({"32", "16"})
    void jpegThenLosslessRefresh(int bpp) throws Exception {
        Ppm got = capture("tight", bpp, 1500, 5);
        Ppm first = Ppm.read(Path.of(got.path + ".first"));
        int[] want = reduce(TestServer.snapshot(server), bpp);
        double err = TightEncoderTest.meanError(want, first.rgb);
        org.junit.jupiter.api.Assertions.assertTrue(err > 0 && err <= 8,
                "first update should be lossy within a mean error of 8, was " + err);
        assertNull(Pixels.compare(want, got.rgb, got.width, 0), "after the lossless refresh");
    }

    static Ppm capture(String encoding, int bpp, int millis, Integer jpegQuality) throws Exception {
        Path out = Files.createTempFile("capture-" + encoding + bpp, ".ppm");
        List<String> cmd = new java.util.ArrayList<>(List.of(client.toString(), "127.0.0.1", Integer.toString(server.port()),
                encoding, Integer.toString(bpp), out.toString(), Integer.toString(millis)));
        if (jpegQuality != null) {
            cmd.add(jpegQuality.toString());
        }
        Tools.Result r = Tools.run(cmd, Map.of(), 30);
        assertEquals(0, r.exitCode(), "vncclient-capture failed:\n" + Tools.tail(r.output()));
        return Ppm.read(out);
    }

    static VncServer server() {
        return server;
    }

    /** What the C client writes for a canonical pixel: each channel quantised to the client's depth and scaled back. */
    static int[] reduce(int[] rgb, int bpp) {
        int[] max = bpp == 32 ? new int[] {255, 255, 255} : bpp == 16 ? new int[] {31, 63, 31} : new int[] {7, 7, 3};
        int[] out = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int v = 0;
            for (int c = 0; c < 3; c++) {
                int x = rgb[i] >> (16 - 8 * c) & 0xff;
                int q = (x * max[c] + 127) / 255;
                v |= (q * 255 / max[c]) << (16 - 8 * c);
            }
            out[i] = v;
        }
        return out;
    }
}
