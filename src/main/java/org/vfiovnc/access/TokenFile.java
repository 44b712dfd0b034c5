package org.vfiovnc.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * websockify's token file, so one file can drive both: lines {@code token: target}, '#' starting a
 * comment; the path may also be a directory, whose regular files are read together. Read again at
 * every lookup, as websockify does, so a line removed takes effect for the next connection
 * without a reload. A target is {@code host:port} (a display's own port) or a display's name.
 */
public final class TokenFile {
    private final Path path;

    /** @throws IOException when the file or directory cannot be read now (at start: a mistake) */
    public TokenFile(Path path) throws IOException {
        this.path = path;
        entries(); // a start with an unreadable or malformed file fails
    }

    /** The target of {@code token}, or null when no line has it. */
    public String target(String token) throws IOException {
        byte[] wanted = token.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (String[] e : entries()) {
            // Every line compared in constant time: the answer's timing says nothing about near misses.
            if (MessageDigest.isEqual(wanted, e[0].getBytes(StandardCharsets.UTF_8)) && found == null) {
                found = e[1];
            }
        }
        return found;
    }

    private List<String[]> entries() throws IOException {
        List<String[]> all = new ArrayList<>();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                parse(f, all);
            }
        } else {
            parse(path, all);
        }
        return all;
    }

    private static void parse(Path file, List<String[]> into) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int sep = line.indexOf(": ");
            if (sep <= 0 || line.substring(sep + 2).isBlank()) {
                // The line is not quoted: it holds a token.
                throw new IOException(file + ", line " + (i + 1) + ": expected 'token: host:port'");
            }
            into.add(new String[] {line.substring(0, sep).strip(), line.substring(sep + 2).strip()});
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
