package org.vfiovnc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real libvncclient viewer (native-stubs/viewers/vncclient-watch.c) running as its own process; on
 * request it writes what it shows, which this class reads back as canonical pixels.
 */
public final class LibVncWatcher implements AutoCloseable {
    private static Path binary;
    private final Process process;
    private final Path ppm;
    private final Path log;

    private LibVncWatcher(Process process, Path ppm, Path log) {
        this.process = process;
        this.ppm = ppm;
        this.log = log;
    }

    private static synchronized Path binary() throws IOException, InterruptedException {
        if (binary == null) {
            binary = Tools.compileC("native-stubs/viewers/vncclient-watch.c", "-lvncclient");
        }
        return binary;
    }

    /** A viewer asking for lossless pixels in {@code encodings} (libvncclient's names, e.g. "tight zrle"). */
    public static LibVncWatcher connect(int port, String encodings) throws IOException, InterruptedException {
        return connect(port, encodings, -1);
    }

    /** As above; {@code jpegQuality} 0..9 lets Tight send photo-like areas as JPEG, -1 does not. */
    public static LibVncWatcher connect(int port, String encodings, int jpegQuality) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("libvnc-watch");
        Path ppm = dir.resolve("screen.ppm");
        Path log = dir.resolve("log");
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "127.0.0.1", Integer.toString(port), encodings,
                ppm.toString()));
        if (jpegQuality >= 0) {
            cmd.add(Integer.toString(jpegQuality));
        }
        Process p = ChildProcesses.start(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()));
        return new LibVncWatcher(p, ppm, log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the viewer shows now (canonical pixels), or null when it could not say within 10 s. */
    public int[] pixels() throws IOException, InterruptedException {
        Files.deleteIfExists(ppm);
        new ProcessBuilder("kill", "-USR1", Long.toString(process.pid())).start().waitFor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(ppm) && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(20);
        }
        return Files.exists(ppm) ? Ppm.read(ppm).rgb : null;
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
        if (process.isAlive()) {
            fail("libvncclient viewer did not stop");
        }
    }
}
