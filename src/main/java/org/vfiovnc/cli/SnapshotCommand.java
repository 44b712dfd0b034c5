package org.vfiovnc.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.replay.PngSnapshot;
import org.vfiovnc.surface.DisplaySurface;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snapshot}: saves the current picture of a source as a PNG. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Save what a display source shows now as a PNG file.")
public final class SnapshotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "SPEC", required = true, description = "What to capture (as for serve).")
    String source;

    @Option(names = "--timeout-seconds", paramLabel = "N", defaultValue = "10",
            description = "How long to wait for a picture (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Parameters(index = "0", paramLabel = "OUT.png", description = "PNG file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        DisplaySource src;
        try {
            src = SourceCatalog.create(source);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--source: " + e.getMessage());
        }
        try (src) {
            src.open();
            DisplaySurface s = PngSnapshot.save(src, out, timeoutSeconds * 1000L);
            System.err.println("wrote " + out + " (" + s.width() + "x" + s.height() + ")");
        }
        return 0;
    }
}
