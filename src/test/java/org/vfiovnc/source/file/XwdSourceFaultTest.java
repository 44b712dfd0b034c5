package org.vfiovnc.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.source.SourceException;

/**
 * An XWD screen file that is truncated, replaced or deleted while it is served: each is reported
 * as a clear source error (the refresh loop then reopens), never a fault in the mapping. The path's
 * identity is checked a few times a second, its size on every frame.
 */
class XwdSourceFaultTest {
    @TempDir
    Path dir;

    private Path screen() throws IOException {
        byte[] z = Files.readAllBytes(Path.of("testdata/desktop-terminal.xwd.zst"));
        Path p = dir.resolve("Xvfb_screen0");
        Files.write(p, Zstd.decompress(z, (int) Zstd.decompressedSize(z)));
        return p;
    }

    @Test
    void truncatedFileIsAnErrorOnTheNextFrame() throws IOException {
        Path p = screen();
        XwdSource s = new XwdSource(p);
        s.open();
        assertEquals(1920, s.acquire().orElseThrow().width());
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(4096);
        }
        SourceException e = assertThrows(SourceException.class, s::acquire);
        assertTrue(e.getMessage().contains("bytes, its header needs"), e.getMessage());
        s.close();
    }

    @Test
    void replacedAndDeletedFilesAreErrorsWithinAQuarterSecond() throws Exception {
        Path p = screen();
        XwdSource s = new XwdSource(p);
        s.open();
        s.acquire().orElseThrow();
        Path other = dir.resolve("next");
        Files.copy(p, other);
        Files.move(other, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertTrue(failsWithin(s, "was replaced"), "replacement noticed");
        s.close();
        s.open();
        s.acquire().orElseThrow();
        Files.delete(p);
        assertTrue(failsWithin(s, "disappeared"), "deletion noticed");
        s.close();
    }

    private static boolean failsWithin(XwdSource s, String message) throws InterruptedException {
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                s.acquire();
            } catch (IOException e) {
                return e.getMessage().contains(message);
            }
            Thread.sleep(20);
        }
        return false;
    }
}
