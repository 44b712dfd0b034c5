package org.vfiovnc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real Xvfb server for the duration of a test, optionally keeping its screen in a file (-fbdir). */
public final class Xvfb implements AutoCloseable {
    private final Process process;
    private final int display;
    private final Path fbdir;

    private Xvfb(Process process, int display, Path fbdir) {
        this.process = process;
        this.display = display;
        this.fbdir = fbdir;
    }

    /** Starts Xvfb on a free display number with one screen of {@code geometry} (e.g. "800x600x24"). */
    public static Xvfb start(String geometry, boolean withFbdir) throws IOException, InterruptedException {
        String xvfb = Tools.require("Xvfb", "xvfb");
        Path dir = withFbdir ? Files.createTempDirectory("fbdir") : null;
        for (int attempt = 0; attempt < 20; attempt++) {
            int d = 50 + (int) (ProcessHandle.current().pid() % 200) + attempt * 7;
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + d)) || Files.exists(Path.of("/tmp/.X" + d + "-lock"))) {
                continue;
            }
            List<String> cmd = new ArrayList<>(List.of(xvfb, ":" + d, "-screen", "0", geometry, "-nolisten", "tcp", "-ac"));
            if (dir != null) {
                cmd.addAll(List.of("-fbdir", dir.toString()));
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(Files.createTempFile("xvfb", ".log").toFile())).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && p.isAlive()) {
                if (Files.exists(Path.of("/tmp/.X11-unix/X" + d)) && (dir == null || Files.exists(dir.resolve("Xvfb_screen0")))) {
                    return new Xvfb(p, d, dir);
                }
                Thread.sleep(50);
            }
            p.destroyForcibly();
        }
        fail("could not start Xvfb");
        return null;
    }

    public String displayName() {
        return ":" + display;
    }

    /** The live screen file (only with fbdir). */
    public Path screenFile() {
        return fbdir.resolve("Xvfb_screen0");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
