package org.vfiovnc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * gtk-vnc's gvncviewer in its own Xvfb, its screen read back with ImageMagick's import. It asks for
 * Tight first (JPEG quality 5, no compression level); {@code zrle} hides JPEG from gdk-pixbuf
 * (native-stubs/viewers/gdk-no-jpeg.c), and gtk-vnc then leaves Tight out and asks for ZRLE. It
 * keeps the server's pixel format and asks for exclusive access (serve it always-shared).
 */
public final class GvncViewer implements AutoCloseable {
    /** The size of the viewer's X screen. */
    public static final int SCREEN_WIDTH = 1024;
    public static final int SCREEN_HEIGHT = 768;
    /** The viewer's window sits at the top left (no window manager), its picture below the menu bar. */
    private static final int MAX_MENU_HEIGHT = 80;
    private static Path noJpeg;
    private final Xvfb x;
    private final Process viewer;
    private final Path log;
    private final Path dir;

    private GvncViewer(Xvfb x, Process viewer, Path log, Path dir) {
        this.x = x;
        this.viewer = viewer;
        this.log = log;
        this.dir = dir;
    }

    private static synchronized Path noJpeg() throws IOException, InterruptedException {
        if (noJpeg == null) {
            noJpeg = Tools.compileC("native-stubs/viewers/gdk-no-jpeg.c", "-shared", "-fPIC", "-ldl");
        }
        return noJpeg;
    }

    public static GvncViewer start(int port, boolean zrle) throws IOException, InterruptedException {
        String gvncviewer = Tools.require("gvncviewer", "gvncviewer");
        Path shim = zrle ? noJpeg() : null;
        Xvfb x = Xvfb.start(SCREEN_WIDTH + "x" + SCREEN_HEIGHT + "x24", false);
        try {
            Path dir = Files.createTempDirectory("gvncviewer");
            Path log = dir.resolve("gvncviewer.log");
            // The display number is the port minus 5900 (negative is allowed).
            ProcessBuilder pb = new ProcessBuilder(List.of(gvncviewer, "127.0.0.1:" + (port - 5900)))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("DISPLAY", x.displayName());
            pb.environment().put("HOME", dir.toString());
            if (shim != null) {
                pb.environment().put("LD_PRELOAD", shim.toString());
            }
            return new GvncViewer(x, ChildProcesses.start(pb), log, dir);
        } catch (IOException | RuntimeException e) {
            x.close();
            throw e;
        }
    }

    public boolean isAlive() {
        return viewer.isAlive();
    }

    /** Fails the test, with the viewer's output, when the viewer has exited. */
    public void assertRunning() throws IOException {
        if (!viewer.isAlive()) {
            fail("gvncviewer exited (" + viewer.exitValue() + "):\n" + Tools.tail(Files.readString(log)));
        }
    }

    /** Null when the viewer shows exactly {@code expected} (w x h) now, else what differs. */
    public String differenceFrom(int[] expected, int w, int h) throws IOException, InterruptedException {
        int[] screen = x.screenshot(dir.resolve("screen.png"));
        String first = null;
        for (int top = 0; top <= MAX_MENU_HEIGHT && top + h <= SCREEN_HEIGHT; top++) {
            String d = Pixels.compare(expected, Pixels.crop(screen, SCREEN_WIDTH, 0, top, w, h), w, 0);
            if (d == null) {
                return null;
            }
            if (first == null) {
                first = d;
            }
        }
        return "no offset below the menu bar shows the picture; at the top: " + first;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        try {
            ChildProcesses.stop(viewer);
        } finally {
            x.close();
        }
    }
}
