package org.vfiovnc.viewers;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.RfbLimits;
import org.vfiovnc.rfb.SharePolicy;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.rfb.security.SecurityPolicy;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.StoppableDemo;
import org.vfiovnc.testing.BrowserDriver;
import org.vfiovnc.testing.GvncViewer;
import org.vfiovnc.testing.LibVncWatcher;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.TigerViewer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.testing.Vernacular;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.TransportOptions;
import org.vfiovnc.transport.http.StaticFiles;

/**
 * Viewers with zlib streams (Tight, ZRLE, Zlib) share encoded updates while the screen moves (the
 * demo scene: a scrolling terminal, a window with a colour gradient, a clock), and every real
 * decoder ends on the exact picture once it stops: each took updates another viewer's encoder
 * wrote and its own encoder's after them. Viewers that share have the same pixel format, encoding,
 * compression and JPEG quality; JPEG viewers end exact through the lossless refresh.
 */
class SharedStreamViewersTest {
    private static final int W = 640;
    private static final int H = 400;
    private static final long EXACT_WITHIN_S = 30;
    private static BrowserDriver browser;

    /** A running viewer the test can ask for what it shows. */
    private interface Viewer extends AutoCloseable {
        /** Null when the viewer shows exactly {@code expected} now, else what differs. */
        String difference(int[] expected) throws Exception;

        @Override
        void close();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static VncServer start(StoppableDemo demo, boolean web) throws IOException {
        RfbConfig config = new RfbConfig("vfio-vnc", SecurityPolicy.fixed(List.of(new NoneSecurity())),
                SharePolicy.ALWAYS_SHARED, false, 1 << 20, 10_000, 64,
                // A dozen viewers start at once from one address: the default 4 handshakes per address would refuse some.
                new RfbLimits(64, 60_000, 0, 64 * 1024, 30_000, 64));
        TransportOptions transport = web
                ? TransportOptions.sniffing(new StaticFiles(Tools.projectDir().resolve("web")), null)
                : TransportOptions.plainRfb();
        return VncServer.start(demo.source(W, H), TestServer.fastPacing(), config, NoInputSink.INSTANCE,
                new ListenAddress("127.0.0.1", 0), transport);
    }

    /** libvncclient with {@code encodings}; {@code quality} 0..9 lets Tight send JPEG, -1 does not. */
    private static Viewer libvnc(int port, String encodings, int quality) throws Exception {
        LibVncWatcher v = LibVncWatcher.connect(port, encodings, quality);
        return new Viewer() {
            @Override
            public String difference(int[] expected) throws Exception {
                int[] px = v.isAlive() ? v.pixels() : null;
                return px == null ? "libvncclient " + encodings + " wrote no picture: " + Tools.tail(v.log())
                        : Pixels.compare(expected, px, W, 0);
            }

            @Override
            public void close() {
                v.close();
            }

            @Override
            public String toString() {
                return "libvncclient " + encodings + (quality >= 0 ? " JPEG " + quality : "");
            }
        };
    }

    private static Viewer vernacular(int port, String encoding) {
        Vernacular v = Vernacular.connect(port, ColorDepth.BPP_24_TRUE, Vernacular.only(encoding));
        return new Viewer() {
            @Override
            public String difference(int[] expected) {
                BufferedImage img = v.lastImage();
                if (!v.errors().isEmpty() || img == null) {
                    return "vernacular " + encoding + ": errors " + v.errors() + ", image " + img;
                }
                return Pixels.compare(expected, Pixels.of(img), W, 0);
            }

            @Override
            public void close() {
                v.close();
            }

            @Override
            public String toString() {
                return "vernacular " + encoding;
            }
        };
    }

    /**
     * Waits until every viewer shows {@code demo}'s final picture (painted by the scene, not read
     * from the server) exactly; fails with what each shows instead, and whether the server's own
     * framebuffer has that picture (a viewer bug or a server bug).
     */
    private static void awaitAllExact(StoppableDemo demo, VncServer server, List<Viewer> viewers) throws Exception {
        int[] expected = demo.finalPicture();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXACT_WITHIN_S);
        Map<String, String> wrong = new LinkedHashMap<>();
        do {
            Thread.sleep(300);
            wrong.clear();
            for (Viewer v : viewers) {
                String d = v.difference(expected);
                if (d != null) {
                    wrong.put(v + " #" + viewers.indexOf(v), d);
                }
            }
        } while (!wrong.isEmpty() && System.nanoTime() < deadline);
        if (!wrong.isEmpty()) {
            String onServer = Pixels.compare(expected, TestServer.snapshot(server), W, 0);
            fail(wrong.size() + " of " + viewers.size() + " viewers not exact " + EXACT_WITHIN_S + " s after the screen stopped"
                    + " (server framebuffer: " + (onServer == null ? "exact" : onServer) + "): " + wrong);
        }
    }

    private static void closeAll(List<Viewer> viewers) {
        for (Viewer v : viewers) {
            v.close();
        }
    }

    /**
     * libvncclient (Tight with and without JPEG, ZRLE, Zlib) and vernacular (Zlib, Hextile) viewers
     * join and leave at random for 8 s while the screen moves, and two TigerVNC viewers asking for
     * lossless Tight join at random moments and stay; everyone left ends exact. The order of joins
     * and leaves follows a seed printed on failure ({@code -Dvfiovnc.seed=N} repeats it).
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void realViewersOfMixedSettingsJoinAndLeaveAtRandom() throws Exception {
        long seed = Long.getLong("vfiovnc.seed", System.nanoTime());
        Random random = new Random(seed);
        StoppableDemo demo = new StoppableDemo();
        List<Viewer> viewers = new ArrayList<>();
        List<Viewer> tigers = new ArrayList<>();
        int joined = 0;
        int left = 0;
        try (VncServer server = start(demo, false)) {
            int port = server.port();
            for (int kind = 0; kind < 6; kind++) {
                viewers.add(open(kind, port));
                viewers.add(open(kind, port));
            }
            long copiedBefore = server.rfb().stats().copiedUpdates();
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(8);
            long[] tigerJoins = {start + TimeUnit.MILLISECONDS.toNanos(random.nextInt(3000)),
                    start + TimeUnit.MILLISECONDS.toNanos(3000 + random.nextInt(3000))};
            while (System.nanoTime() < end) {
                Thread.sleep(150 + random.nextInt(250));
                if (tigers.size() < tigerJoins.length && System.nanoTime() >= tigerJoins[tigers.size()]) {
                    tigers.add(tigerLossless(port));
                } else if (viewers.size() > 6 && random.nextInt(5) < 2) {
                    viewers.remove(random.nextInt(viewers.size())).close();
                    left++;
                } else if (viewers.size() < 16) {
                    viewers.add(open(random.nextInt(6), port));
                    joined++;
                }
            }
            demo.stop();
            List<Viewer> all = new ArrayList<>(viewers);
            all.addAll(tigers);
            try {
                awaitAllExact(demo, server, all);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ", " + joined + " joined and " + left + " left: " + e.getMessage(), e);
            }
            long copied = server.rfb().stats().copiedUpdates() - copiedBefore;
            assertTrue(copied > 0, "viewers shared no update (seed " + seed + ")");
        } finally {
            closeAll(viewers);
            closeAll(tigers);
        }
    }

    /** TigerVNC's viewer on Tight with JPEG off (lossless), in the server's pixel format. */
    private static Viewer tigerLossless(int port) throws Exception {
        TigerViewer tiger = TigerViewer.start(port, "-PreferredEncoding=Tight", "-AutoSelect=0", "-NoJPEG",
                "-CompressLevel=2");
        return windowed("TigerVNC Tight lossless", tiger::differenceFrom, tiger);
    }

    private static Viewer open(int kind, int port) throws Exception {
        return switch (kind) {
            case 0 -> libvnc(port, "tight copyrect", -1);
            case 1 -> libvnc(port, "tight copyrect", 6);
            case 2 -> libvnc(port, "zrle copyrect", -1);
            case 3 -> libvnc(port, "zlib copyrect", -1);
            case 4 -> vernacular(port, "zlib");
            default -> vernacular(port, "hextile");
        };
    }

    /**
     * TigerVNC's viewer and gtk-vnc's share Tight (JPEG quality 5, compression 2) or ZRLE
     * (compression 2) in the server's own pixel format; gtk-vnc joins a running group.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Tight", "ZRLE"})
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void tigerVncAndGtkVncShare(String encoding) throws Exception {
        StoppableDemo demo = new StoppableDemo();
        List<Viewer> viewers = new ArrayList<>();
        try (VncServer server = start(demo, false)) {
            boolean zrle = encoding.equals("ZRLE");
            TigerViewer tiger = TigerViewer.start(server.port(), "-PreferredEncoding=" + encoding, "-AutoSelect=0",
                    "-CompressLevel=2", "-QualityLevel=5");
            viewers.add(windowed("TigerVNC " + encoding, tiger::differenceFrom, tiger));
            Thread.sleep(2000);
            long copiedBefore = server.rfb().stats().copiedUpdates();
            GvncViewer gvnc = GvncViewer.start(server.port(), zrle);
            viewers.add(windowed("gtk-vnc " + encoding, gvnc::differenceFrom, gvnc));
            Thread.sleep(6000);
            tiger.assertRunning();
            gvnc.assertRunning();
            demo.stop();
            awaitAllExact(demo, server, viewers);
            assertTrue(server.rfb().stats().copiedUpdates() > copiedBefore, "TigerVNC and gtk-vnc shared no update");
        } finally {
            closeAll(viewers);
        }
    }

    private interface WindowCheck {
        String differenceFrom(int[] expected, int w, int h) throws Exception;
    }

    private static Viewer windowed(String name, WindowCheck check, AutoCloseable process) {
        return new Viewer() {
            @Override
            public String difference(int[] expected) throws Exception {
                return check.differenceFrom(expected, W, H);
            }

            @Override
            public void close() {
                try {
                    process.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * noVNC shares ZRLE (compression 2) or Tight (JPEG quality 6, compression 3) with two libvncclient
     * viewers of the same settings (both use red at bit 0, green at 8, blue at 16); noVNC joins a
     * running group.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zrle", "tight"})
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void noVncShares(String encoding) throws Exception {
        if (browser == null) {
            browser = BrowserDriver.start();
        }
        StoppableDemo demo = new StoppableDemo();
        List<Viewer> viewers = new ArrayList<>();
        try (VncServer server = start(demo, true)) {
            boolean tight = encoding.equals("tight");
            for (int i = 0; i < 2; i++) {
                viewers.add(libvnc(server.port(), encoding + " copyrect", tight ? 6 : -1));
            }
            Thread.sleep(1500);
            long copiedBefore = server.rfb().stats().copiedUpdates();
            // noVNC's defaults are JPEG quality 6 and compression 2; libvncclient asks Tight for 3.
            browser.open("http://127.0.0.1:" + server.port() + "/", null, tight ? 7 : 16, 1);
            if (tight) {
                browser.eval("window.vncClient.compressionLevel = 3");
            }
            viewers.add(new Viewer() {
                @Override
                public String difference(int[] expected) throws Exception {
                    BrowserDriver.Canvas c = browser.canvas();
                    return c.width() != W || c.height() != H ? "canvas " + c.width() + "x" + c.height()
                            : Pixels.compare(expected, c.pixels(), W, 0);
                }

                @Override
                public void close() {
                    try {
                        browser.closePage();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public String toString() {
                    return "noVNC " + encoding;
                }
            });
            Thread.sleep(6000);
            demo.stop();
            awaitAllExact(demo, server, viewers);
            assertTrue(server.rfb().stats().copiedUpdates() > copiedBefore, "noVNC and libvncclient shared no update");
            assertTrue(browser.canvas().decodedRects().contains("\"" + (tight ? 7 : 16) + "\""),
                    "noVNC decoded " + encoding + ": " + browser.canvas().decodedRects());
        } finally {
            closeAll(viewers);
        }
    }
}
