package org.vfiovnc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code vfio-vnc host --config FILE} in a JVM of its own (it runs until a signal, as under
 * systemd), optionally behind a launcher such as {@code systemd-socket-activate}. What it prints
 * is read line by line; its log goes to a file the failure messages show.
 */
public final class HostProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private HostProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "host-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The java command that runs {@code vfio-vnc host --config config} with the test's classpath. */
    public static List<String> command(Path config) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "org.vfiovnc.cli.Main", "host", "--config", config.toString());
    }

    /** Runs {@code launcher} followed by the host command (launcher may be empty), with {@code env} added. */
    public static HostProcess start(List<String> launcher, Path config, Map<String, String> env) throws IOException {
        // SIGHUP back to its default: a test run started under nohup hands its children SIGHUP
        // ignored, and the JVM then never installs the host's reload handler.
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=HUP"));
        cmd.addAll(launcher);
        cmd.addAll(command(config));
        Path log = Files.createTempFile("host-process", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
        pb.environment().putAll(env);
        return new HostProcess(ChildProcesses.start(pb), log);
    }

    public static HostProcess start(Path config) throws IOException {
        return start(List.of(), config, Map.of());
    }

    /** The next printed line starting with {@code prefix} (earlier other lines are kept in {@link #printed}). */
    public String awaitLine(String prefix, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            } else if (!process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        fail("no line '" + prefix + "...' from the host within " + seconds + " s; printed " + seen + "; log:\n" + log());
        return null;
    }

    /** The port at the end of the next line starting with {@code prefix} ("... 127.0.0.1:PORT"). */
    public int awaitPort(String prefix, long seconds) throws IOException, InterruptedException {
        String line = awaitLine(prefix, seconds);
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
    }

    public List<String> printed() {
        return List.copyOf(seen);
    }

    public long pid() {
        return process.pid();
    }

    /** Sends signal {@code name} (HUP, TERM) to the host. */
    public void signal(String name) throws IOException, InterruptedException {
        Tools.run(10, "kill", "-s", name, String.valueOf(process.pid()));
    }

    /** Waits for the host to end; its exit code. */
    public int awaitExit(long seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            fail("the host still runs after " + seconds + " s; log:\n" + log());
        }
        return process.exitValue();
    }

    /** The end of the host's log, for failure messages. */
    public String log() throws IOException {
        return Tools.tail(fullLog());
    }

    public String fullLog() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }
}
