package org.vfiovnc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** TigerVNC's vncviewer in its own Xvfb, its window read back with ImageMagick's import. */
public final class TigerViewer implements AutoCloseable {
    /** The size of the viewer's X screen. */
    public static final int SCREEN_WIDTH = 1024;
    public static final int SCREEN_HEIGHT = 768;
    private final Xvfb x;
    private final Process viewer;
    private final Path log;
    private final Path dir;
    /** Whether {@link #close} stops the X server too (false when the caller shares one across viewers). */
    private final boolean ownsDisplay;

    private TigerViewer(Xvfb x, Process viewer, Path log, Path dir, boolean ownsDisplay) {
        this.x = x;
        this.viewer = viewer;
        this.log = log;
        this.dir = dir;
        this.ownsDisplay = ownsDisplay;
    }

    /** Starts the viewer on {@code 127.0.0.1::port} with extra TigerVNC parameters (e.g. -PreferredEncoding=Hextile). */
    public static TigerViewer start(int port, String... params) throws IOException, InterruptedException {
        Xvfb x = Xvfb.start(SCREEN_WIDTH + "x" + SCREEN_HEIGHT + "x24", false);
        try {
            return launch(x, true, port, Map.of(), params);
        } catch (IOException | RuntimeException e) {
            x.close();
            throw e;
        }
    }

    /**
     * Starts the viewer in {@code x}, an X server of {@link #SCREEN_WIDTH} x {@link #SCREEN_HEIGHT}
     * that the caller owns (viewers that run one after another can share it), with {@code env} added
     * to its environment (e.g. VNC_USERNAME and VNC_PASSWORD, which TigerVNC takes for Plain).
     */
    public static TigerViewer startOn(Xvfb x, int port, Map<String, String> env, String... params) throws IOException {
        return launch(x, false, port, env, params);
    }

    private static TigerViewer launch(Xvfb x, boolean ownsDisplay, int port, Map<String, String> env, String... params)
            throws IOException {
        String vncviewer = Tools.require("vncviewer", "tigervnc-viewer");
        Tools.require("import", "imagemagick");
        List<String> cmd = new ArrayList<>(List.of(vncviewer, "-MenuKey=", "-AlertOnFatalError=0", "-ReconnectOnError=0",
                "-Shared=1"));
        cmd.addAll(List.of(params));
        cmd.add("127.0.0.1::" + port);
        Path dir = Files.createTempDirectory("tiger");
        Path log = dir.resolve("vncviewer.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DISPLAY", x.displayName());
        pb.environment().put("HOME", dir.toString());
        pb.environment().putAll(env);
        return new TigerViewer(x, ChildProcesses.start(pb), log, dir, ownsDisplay);
    }

    public boolean isAlive() {
        return viewer.isAlive();
    }

    /** Null when the viewer's w x h window shows exactly {@code expected} now, else what it shows instead. */
    public String differenceFrom(int[] expected, int w, int h) throws IOException, InterruptedException {
        int[] at = locate(w, h);
        if (at == null) {
            return "no " + w + "x" + h + " viewer window";
        }
        return Pixels.compare(expected, Pixels.crop(screen(), SCREEN_WIDTH, at[0], at[1], w, h), w, 0);
    }

    /** Fails the test, with the viewer's log, when the viewer has exited. */
    public void assertRunning() throws IOException {
        if (!viewer.isAlive()) {
            fail("vncviewer exited (" + viewer.exitValue() + "):\n" + Tools.tail(Files.readString(log)));
        }
    }

    /** The whole X screen as canonical pixels ({@link #SCREEN_WIDTH} wide). */
    public int[] screen() throws IOException, InterruptedException {
        return x.screenshot(dir.resolve("screen.png"));
    }

    /** Waits until the screen shows {@code expected} (w x h) within {@code tolerance}; returns where. */
    public int[] awaitShown(Supplier<int[]> expected, int w, int h, int tolerance, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            assertRunning();
            int[] at = locate(w, h);
            if (at != null && Pixels.compare(expected.get(), Pixels.crop(screen(), SCREEN_WIDTH, at[0], at[1], w, h), w, tolerance) == null) {
                return at;
            }
            Thread.sleep(300);
        }
        fail("vncviewer never showed the surface; its log:\n" + Tools.tail(Files.readString(log)));
        return null;
    }

    private static final java.util.regex.Pattern GEOMETRY =
            java.util.regex.Pattern.compile("TigerVNC.*\\s(\\d+)x(\\d+)[+-]-?\\d+[+-]-?\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)");

    /** Screen position of the viewer's w x h window (no window manager: it has no decorations), or null. */
    private int[] locate(int w, int h) throws IOException, InterruptedException {
        Tools.Result r = Tools.run(List.of(Tools.require("xwininfo", "x11-utils"), "-root", "-tree", "-display", x.displayName()),
                Map.of(), 30);
        for (String line : r.output().split("\n")) {
            java.util.regex.Matcher m = GEOMETRY.matcher(line);
            if (m.find() && Integer.parseInt(m.group(1)) == w && Integer.parseInt(m.group(2)) == h) {
                int ax = Integer.parseInt(m.group(3));
                int ay = Integer.parseInt(m.group(4));
                if (ax >= 0 && ay >= 0 && ax + w <= SCREEN_WIDTH && ay + h <= SCREEN_HEIGHT) {
                    return new int[] {ax, ay};
                }
            }
        }
        return null;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        try {
            ChildProcesses.stop(viewer);
        } finally {
            if (ownsDisplay) {
                x.close();
            }
        }
    }
}
