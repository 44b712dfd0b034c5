package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shinyhut.vernacular.client.VernacularConfig;
import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Vernacular;

/**
 * vernacular (a real third-party client) decodes the paused demo scene exactly at 24 bpp and within
 * its quantisation at 16 and 8 bpp, with each encoding it can use.
 */
class VernacularViewerTest {
    private static VncServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(SourceCatalog.create("demo:320x200:paused"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> depthsAndEncodings() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (ColorDepth d : ColorDepth.values()) {
            for (String enc : new String[] {"raw", "copyrect", "rre", "hextile", "zlib"}) {
                b.add(Arguments.of(d, enc));
            }
        }
        return b.build();
    }

    /** Largest per-channel error the depth's quantisation allows (half a step of the coarsest channel, plus rounding). */
    static int tolerance(ColorDepth d) {
        switch (d) {
            case BPP_24_TRUE: return 0;
            case BPP_16_TRUE: return 9;
            default: return 43;
        }
    }

    static int codeOf(String encoding) {
        switch (encoding) {
            case "copyrect": return Encodings.COPY_RECT;
            case "rre": return Encodings.RRE;
            case "hextile": return Encodings.HEXTILE;
            case "zlib": return Encodings.ZLIB;
            default: return Encodings.RAW;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("depthsAndEncodings")
    void decodedImageEqualsSurface(ColorDepth depth, String encoding) throws Exception {
        int code = codeOf(encoding);
        long before = server.rfb().stats().rects().getOrDefault(code, 0L);
        try (Vernacular v = Vernacular.connect(server.port(), depth, Vernacular.only(encoding))) {
            v.awaitImage(() -> TestServer.snapshot(server), 320, tolerance(depth), 20);
            assertTrue(v.isRunning(), "viewer still connected");
        }
        // CopyRect carries no pixels: the pixels then go out in the viewer's next preference (Raw).
        int pixelCode = code == Encodings.COPY_RECT ? Encodings.RAW : code;
        long after = server.rfb().stats().rects().getOrDefault(pixelCode, 0L);
        assertTrue(after > (pixelCode == code ? before : -1), "server sent " + Encodings.name(pixelCode) + " rectangles");
    }
}
