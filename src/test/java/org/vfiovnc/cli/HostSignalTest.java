package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.testing.HostProcess;

/**
 * A host started with SIGHUP ignored (under nohup) cannot reload on SIGHUP, as the JVM leaves such a
 * signal alone: it says so when it starts instead of ignoring reloads in silence.
 */
class HostSignalTest {
    @TempDir
    Path dir;

    @Test
    void aHostThatCannotGetSighupSaysSo() throws Exception {
        Path file = Files.writeString(dir.resolve("host.yaml"),
                "listen: 127.0.0.1:0\ndisplays:\n  alpha:\n    source: demo:96x64:paused\n");
        try (HostProcess host = HostProcess.start(List.of("env", "--ignore-signal=HUP"), file, Map.of())) {
            host.awaitLine("listening on ", 60);
            for (int i = 0; i < 100 && !host.fullLog().contains("SIGHUP cannot reach"); i++) {
                Thread.sleep(50);
            }
            assertTrue(host.fullLog().contains("SIGHUP cannot reach this process"), host.log());
        }
    }
}
