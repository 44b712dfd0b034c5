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

    /**
     * Starts Xvfb with one screen of {@code geometry} (e.g. "800x600x24"). Xvfb picks a free display
     * number itself ({@code -displayfd}), so tests and other processes never race for one.
     */
    public static Xvfb start(String geometry, boolean withFbdir) throws IOException, InterruptedException {
        // A display number just given up by another Xvfb can be handed out while something still
        // answers there that refuses us (seen once in CI: "Can't open display: :0" right after
        // another test's Xvfb closed). A real X client's handshake tells; a refused server is
        // replaced by a fresh one.
        String refused = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            Xvfb x = startOnce(geometry, withFbdir);
            Tools.Result check;
            try {
                check = x.clientCheck();
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
                x.close();
                throw e;
            }
            if (check.exitCode() == 0) {
                return x;
            }
            refused = check.output();
            System.err.println("Xvfb " + x.displayName() + " refused an X client (attempt " + attempt + "): " + refused);
            x.close();
            Thread.sleep(500L * attempt);
        }
        fail("no Xvfb accepted X clients after 3 attempts; xdpyinfo said: " + refused);
        return null;
    }

    /** xdpyinfo against this server: exit 0 when an X client can connect and talk to it. */
    private Tools.Result clientCheck() throws IOException, InterruptedException {
        return Tools.run(java.util.List.of(Tools.require("xdpyinfo", "x11-utils"), "-display", displayName()),
                java.util.Map.of(), 20);
    }

    private static Xvfb startOnce(String geometry, boolean withFbdir) throws IOException, InterruptedException {
        String xvfb = Tools.require("Xvfb", "xvfb");
        Path dir = withFbdir ? Files.createTempDirectory("fbdir") : null;
        List<String> cmd = new ArrayList<>(List.of(xvfb, "-displayfd", "1", "-screen", "0", geometry, "-nolisten", "tcp", "-ac"));
        if (dir != null) {
            cmd.addAll(List.of("-fbdir", dir.toString()));
        }
        Process p = ChildProcesses.start(new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(Files.createTempFile("xvfb", ".log").toFile())));
        try {
            return awaitDisplay(p, dir);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            ChildProcesses.stop(p);
            throw e;
        }
    }

    /** Waits until the Xvfb just started reports its display and accepts clients there. */
    private static Xvfb awaitDisplay(Process p, Path dir) throws IOException, InterruptedException {
        java.util.concurrent.CompletableFuture<String> line = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String number;
        try {
            number = line.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            number = null;
        }
        if (number == null || !number.trim().matches("\\d+")) {
            fail("Xvfb did not report a display number (got " + number + ")");
        }
        int d = Integer.parseInt(number.trim());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // Clients connect through the socket file: wait for it (and the screen file) before returning.
        Path socket = Path.of("/tmp/.X11-unix/X" + d);
        while ((!accepts(socket) || (dir != null && !Files.exists(dir.resolve("Xvfb_screen0"))))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!p.isAlive()) {
            fail("Xvfb exited after reporting display :" + d);
        }
        return new Xvfb(p, d, dir);
    }

    /** Whether an X client could connect now (the socket file exists and accepts). */
    private static boolean accepts(Path socket) {
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(socket))) {
            return ch.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    public String displayName() {
        return ":" + display;
    }

    /** The whole screen as canonical pixels, read back with ImageMagick's import into {@code png}. */
    public int[] screenshot(Path png) throws IOException, InterruptedException {
        Tools.Result r = Tools.run(List.of(Tools.require("import", "imagemagick"), "-window", "root", "-display",
                displayName(), png.toString()), java.util.Map.of(), 30);
        if (r.exitCode() != 0) {
            throw new IOException("import failed: " + r.output());
        }
        return Pixels.read(png);
    }

    /** The live screen file (only with fbdir). */
    public Path screenFile() {
        return fbdir.resolve("Xvfb_screen0");
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }
}
