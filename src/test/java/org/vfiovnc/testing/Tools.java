package org.vfiovnc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs real external programs (viewers, Xvfb, gcc). A missing program fails the test loudly with
 * the package that provides it: CI installs it, a test never skips.
 */
public final class Tools {
    private Tools() {}

    /** The absolute path of {@code program}, failing the test when it is not installed. */
    public static String require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        fail(program + " is not installed; install Debian package " + debianPackage + " (.ci/run does)");
        return null;
    }

    /** Result of a finished process. */
    public record Result(int exitCode, String output) {}

    /** Runs a command to completion (stdout+stderr merged), killing it after {@code timeoutSeconds}. */
    public static Result run(List<String> command, Map<String, String> env, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("tool", ".log");
        pb.redirectOutput(log.toFile());
        Process p = ChildProcesses.start(pb);
        boolean done;
        try {
            done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // the test's timeout: the command (and what it started) must not outlive the test
            ChildProcesses.stop(p, 10);
            throw e;
        }
        if (!done) {
            ChildProcesses.stop(p, 10);
        }
        String out = Files.readString(log, StandardCharsets.ISO_8859_1);
        Files.deleteIfExists(log);
        if (!done) {
            fail("timed out after " + timeoutSeconds + " s: " + command + "\n" + tail(out));
        }
        return new Result(p.exitValue(), out);
    }

    public static Result run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        return run(List.of(command), Map.of(), timeoutSeconds);
    }

    public static String tail(String s) {
        return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
    }

    /** Compiles a C file (a path from the project top, e.g. native-stubs/abi/vfio-layout.c) with gcc into a temp binary. */
    public static Path compileC(String relativeSource, String... extraArgs) throws IOException, InterruptedException {
        String gcc = require("gcc", "gcc");
        Path src = projectDir().resolve(relativeSource);
        Path out = Files.createTempDirectory("cbin").resolve(src.getFileName().toString().replace(".c", ""));
        List<String> cmd = new ArrayList<>(List.of(gcc, "-O2", "-Wall", "-o", out.toString(), src.toString()));
        cmd.addAll(List.of(extraArgs));
        Result r = run(cmd, Map.of(), 120);
        if (r.exitCode() != 0) {
            fail("gcc failed for " + src + ":\n" + r.output());
        }
        return out;
    }

    public static Path projectDir() {
        String p = System.getProperty("vfiovnc.projectDir");
        return p != null ? Path.of(p) : Path.of("").toAbsolutePath();
    }
}
