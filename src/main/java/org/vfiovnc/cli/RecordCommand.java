package org.vfiovnc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vfiovnc.record.Recorder;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.replay.RecordingWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code record}: writes what a source shows to a damage-only zstd recording. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Record a display source to a file (changed rectangles only, zstd compressed).",
        footer = {"", "Play it back with: serve --source replay:FILE[:fast][:loop]"})
public final class RecordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "SPEC", required = true, description = "What to record (as for serve).")
    String source;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Recording to write, e.g. desk.fbrec.zst.")
    Path out;

    @Option(names = "--seconds", paramLabel = "N", description = "Stop after N seconds (default: until interrupted).")
    Double seconds;

    @Option(names = "--tick-ms", paramLabel = "MS", defaultValue = "33",
            description = "How often the source is read, 1-1000 ms (default: ${DEFAULT-VALUE}).")
    int tickMs;

    private volatile boolean stop;

    @Override
    public Integer call() throws Exception {
        if (tickMs < 1 || tickMs > 1000) {
            throw new ParameterException(spec.commandLine(), "--tick-ms must be 1-1000, got " + tickMs);
        }
        if (seconds != null && !(seconds > 0)) {
            throw new ParameterException(spec.commandLine(), "--seconds must be positive, got " + seconds);
        }
        DisplaySource src;
        try {
            src = SourceCatalog.create(source);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--source: " + e.getMessage());
        }
        PrintStream err = System.err;
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop = true;
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "record-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (src) {
            src.open();
            Recorder recorder = Recorder.open(src, (w, h) -> new RecordingWriter(out, w, h), 10_000);
            long start = System.nanoTime();
            long end = seconds == null ? Long.MAX_VALUE : start + (long) (seconds * 1e9);
            long nextReport = start;
            try (RecordingWriter w = recorder.writer()) {
                while (!stop) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        break;
                    }
                    recorder.capture((now - start) / 1000);
                    if (now >= nextReport) {
                        err.printf("\rrecording %s: %.1f s, %d frames, %d KiB ", src.describe(),
                                (now - start) / 1e9, w.frames(), w.bytesWritten() / 1024);
                        nextReport = now + 500_000_000L;
                    }
                    long sleep = tickMs * 1_000_000L - (System.nanoTime() - now);
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
                    }
                }
                w.close();
                err.printf("\rrecorded %d frames in %.1f s to %s (%d KiB)%n", w.frames(),
                        (System.nanoTime() - start) / 1e9, out, w.bytesWritten() / 1024);
            }
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and has been released
            }
        }
        return 0;
    }
}
