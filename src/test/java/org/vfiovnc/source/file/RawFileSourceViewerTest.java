package org.vfiovnc.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.testing.TestPatterns;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Vernacular;

/** A raw framebuffer file written by "another process" reaches connected viewers, incrementally. */
class RawFileSourceViewerTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} stride+{1} offset {2}")
    @CsvSource({"XR24,0,0", "AR24,64,0", "XB24,12,4096", "AB24,0,100", "RG16,6,0"})
    void fileChangesReachConnectedViewer(String fourcc, int pad, int offset) throws Exception {
        PixelLayout layout = PixelLayout.byName(fourcc).orElseThrow();
        int w = 160;
        int h = 120;
        int stride = w * layout.bytesPerPixel() + pad;
        Path file = dir.resolve("fb.raw");
        int[][] expected = new int[1][];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            expected[0] = TestPatterns.write(ch, w, h, stride, offset, layout, 0);
            String spec = "raw:" + file + ":" + w + "x" + h + ":" + fourcc + ":stride=" + stride + ":offset=" + offset;
            try (VncServer server = TestServer.start(SourceCatalog.create(spec));
                 Vernacular v = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> c.setEnableHextileEncoding(true))) {
                v.awaitImage(() -> expected[0], w, 0, 20);
                int before = v.updateCount();
                expected[0] = TestPatterns.write(ch, w, h, stride, offset, layout, 77);
                v.awaitImage(() -> expected[0], w, 0, 20);
                assertTrue(v.updateCount() > before, "an incremental update arrived");
                assertEquals(expected[0].length, server.loop().current().pixels().length);
            }
        }
    }

    @Test
    void fileShorterThanGeometryIsAnErrorAtOpen() throws Exception {
        Path file = dir.resolve("short.raw");
        Files.write(file, new byte[1000]);
        RawFileSource src = (RawFileSource) SourceCatalog.create("raw:" + file + ":100x100:XR24");
        SourceException e = assertThrows(SourceException.class, src::open);
        assertTrue(e.getMessage().contains("1000 bytes") && e.getMessage().contains("needs 40000"), e.getMessage());
    }

    @Test
    void missingFileIsAClearError() {
        RawFileSource src = (RawFileSource) SourceCatalog.create("raw:" + dir.resolve("nope") + ":10x10:XR24");
        SourceException e = assertThrows(SourceException.class, src::open);
        assertTrue(e.getMessage().startsWith("no such file"), e.getMessage());
    }
}
