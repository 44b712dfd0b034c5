package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.testing.Xvfb;

/**
 * TigerVNC's vncviewer under Xvfb, forced to Tight or ZRLE: the window shows the surface exactly,
 * the viewer negotiates Fence and ContinuousUpdates, and it follows a source that keeps changing
 * (updates arrive without requests through continuous updates).
 */
class TigerVncViewerTest {
    private static final int W = 320;
    private static final int H = 200;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Tight", "ZRLE"})
    void showsTheSurfaceExactlyAndKeepsUp(String encoding) throws Exception {
        String viewer = Tools.require("xtigervncviewer", "tigervnc-viewer");
        String importTool = Tools.require("import", "imagemagick");
        Path raw = Files.createTempFile("surface", ".xr24");
        writeFrame(raw, 0);
        try (LogCapture log = LogCapture.of(ClientSession.class);
             Xvfb x = Xvfb.start("800x600x24", false);
             VncServer server = TestServer.start(SourceCatalog.create("raw:" + raw + ":" + W + "x" + H + ":XR24"))) {
            ProcessBuilder pb = new ProcessBuilder(viewer, "-MenuKey=", "-AlertOnFatalError=0", "-ReconnectOnError=0", "-Shared=1",
                    "-AutoSelect=0", "-FullColor=1", "-PreferredEncoding=" + encoding, "127.0.0.1::" + server.port())
                    .redirectErrorStream(true).redirectOutput(Files.createTempFile("vncviewer", ".log").toFile());
            pb.environment().put("DISPLAY", x.displayName());
            Process p = pb.start();
            try {
                for (int frame = 0; frame < 6; frame++) {
                    if (frame > 0) {
                        writeFrame(raw, frame);
                    }
                    waitForExactSurface(x, importTool, server, frame, p);
                }
            } finally {
                p.destroy();
                p.waitFor();
            }
            assertTrue(log.contains("pixel encoding " + encoding), "viewer should have chosen " + encoding + ": " + log.messages());
            assertTrue(log.contains("Fence") && log.contains("ContinuousUpdates"), "extensions: " + log.messages());
            assertTrue(log.contains("continuous updates enabled"), "continuous updates: " + log.messages());
            assertTrue(log.contains("fence reply"), "fence round trip: " + log.messages());
        }
    }

    /** A frame with flat areas, text-like 2-colour stripes and a gradient, shifted by {@code n}. */
    static void writeFrame(Path raw, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(W * H * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int rgb;
                if (y < 40) {
                    rgb = 0x204060 + n * 0x100000;
                } else if (y < 100) {
                    rgb = ((x + n * 3) / 3 + y / 2) % 2 == 0 ? 0xffffff : 0x101010;
                } else {
                    rgb = ((x * 255 / W + n * 20) & 0xff) << 16 | (y * 2 & 0xff) << 8 | ((x + y + n) & 0xff);
                }
                b.putInt(rgb);
            }
        }
        b.flip();
        try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.WRITE)) {
            ch.write(b, 0);
        }
    }

    private static void waitForExactSurface(Xvfb x, String importTool, VncServer server, int frame, Process viewer)
            throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String last = "no capture yet";
        while (System.nanoTime() < deadline) {
            if (!viewer.isAlive()) {
                fail("vncviewer exited with " + viewer.exitValue());
            }
            int[] want = TestServer.snapshot(server);
            if (want[0] == expectedTopLeft(frame)) {
                Path png = Files.createTempFile("screen", ".png");
                Tools.Result r = Tools.run(List.of(importTool, "-display", x.displayName(), "-window", "root", png.toString()),
                        Map.of(), 30);
                if (r.exitCode() == 0) {
                    int[] screen = Pixels.read(png);
                    if (findExact(screen, 800, 600, want)) {
                        Files.deleteIfExists(png);
                        return;
                    }
                    last = "surface not found in the screen capture";
                }
                Files.deleteIfExists(png);
            } else {
                last = "server has not seen frame " + frame + " yet";
            }
            Thread.sleep(200);
        }
        fail("frame " + frame + ": the viewer's window never showed the surface exactly (" + last + ")");
    }

    private static int expectedTopLeft(int n) {
        return 0x204060 + n * 0x100000;
    }

    /** Whether {@code want} (W x H) appears pixel-exact somewhere in the screen image. */
    static boolean findExact(int[] screen, int sw, int sh, int[] want) {
        for (int y0 = 0; y0 + H <= sh; y0++) {
            for (int x0 = 0; x0 + W <= sw; x0++) {
                if (screen[y0 * sw + x0] != want[0] || screen[y0 * sw + x0 + W - 1] != want[W - 1]) {
                    continue;
                }
                boolean all = true;
                for (int y = 0; y < H && all; y++) {
                    for (int xx = 0; xx < W; xx++) {
                        if (screen[(y0 + y) * sw + x0 + xx] != want[y * W + xx]) {
                            all = false;
                            break;
                        }
                    }
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }
}
