package org.vfiovnc.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Small rooms: no source file of the server is over 400 lines (a class that grows past it has more than one job). */
class ClassSizeTest {
    private static final int MAX_LINES = 400;

    @Test
    void noMainSourceFileIsOverTheLimit() throws IOException {
        Path main = Path.of(System.getProperty("vfiovnc.projectDir", "."), "src", "main", "java");
        List<String> over;
        try (Stream<Path> files = Files.walk(main)) {
            over = files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> lines(p) + " " + main.relativize(p))
                    .filter(s -> Integer.parseInt(s.substring(0, s.indexOf(' '))) > MAX_LINES)
                    .sorted()
                    .toList();
        }
        assertEquals(List.of(), over, "files over " + MAX_LINES + " lines (lines, path)");
    }

    private static int lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return (int) s.count();
        } catch (IOException e) {
            throw new IllegalStateException(p + ": " + e.getMessage(), e);
        }
    }
}
