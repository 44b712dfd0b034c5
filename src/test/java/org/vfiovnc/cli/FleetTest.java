package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.testing.BrowserDriver;
import org.vfiovnc.testing.ChildProcesses;
import org.vfiovnc.testing.HostProcess;
import org.vfiovnc.testing.Tools;

/**
 * A fleet: two hypervisors (network namespaces, each with its own address) run {@code host}, and
 * websockify with its TokenFile plugin sits in front of both. One token file serves the fleet:
 * through websockify a token reaches its display on either hypervisor (noVNC in Chromium sees that
 * display's picture), and the same file given to each host opens that host's display directly,
 * while the other hypervisor's token is refused there.
 */
@Timeout(240)
class FleetTest {
    private static final int W = 64;
    private static final int H = 48;
    private static final int RED = 0xff0000;
    private static final int BLUE = 0x0000ff;

    @TempDir
    Path dir;

    private final List<String> namespaces = new ArrayList<>();
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : running) {
            c.close();
        }
        for (String ns : namespaces) {
            Tools.run(20, "ip", "netns", "del", ns); // takes its end of the veth pair, and so the pair, along
        }
    }

    private static void ok(String... command) throws IOException, InterruptedException {
        Tools.Result r = Tools.run(20, command);
        assertEquals(0, r.exitCode(), String.join(" ", command) + ": " + r.output());
    }

    /** A namespace reachable from here at {@code prefix}.2 (this side is {@code prefix}.1). */
    private void hypervisor(String name, String prefix) throws IOException, InterruptedException {
        String ns = "vncfleet-" + name;
        String here = "vf" + name;
        ok("ip", "netns", "add", ns);
        namespaces.add(ns);
        ok("ip", "link", "add", here, "type", "veth", "peer", "name", here + "p");
        ok("ip", "link", "set", here + "p", "netns", ns);
        ok("ip", "addr", "add", prefix + ".1/24", "dev", here);
        ok("ip", "link", "set", here, "up");
        ok("ip", "netns", "exec", ns, "ip", "addr", "add", prefix + ".2/24", "dev", here + "p");
        ok("ip", "netns", "exec", ns, "ip", "link", "set", here + "p", "up");
        ok("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
    }

    private Path screen(String name, int rgb) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(W * H * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < W * H; i++) {
            b.putInt(rgb);
        }
        return Files.write(dir.resolve(name + ".xr24"), b.array());
    }

    private HostProcess host(String ns, String address, String display, int rgb, Path tokens) throws IOException {
        Path pw = Files.writeString(dir.resolve(display + ".pw"), display + "-pw\n");
        Path config = Files.writeString(dir.resolve(display + ".yaml"), "listen: " + address + ":6080\ntoken-file: " + tokens
                + "\ndisplays:\n  " + display + ":\n    source: raw:" + screen(display, rgb) + ":" + W + "x" + H + ":XR24"
                + "\n    password-file: " + pw + "\n    listen: " + address + ":5901\n");
        HostProcess h = HostProcess.start(List.of("ip", "netns", "exec", "vncfleet-" + ns), config, Map.of());
        running.add(h);
        return h;
    }

    /** Our page for websockify's web server: the files of web/, with noVNC where the page imports it from. */
    private Path pageForWebsockify() throws IOException {
        // Outside @TempDir, whose clean-up warns about every link leading out of it.
        Path web = Files.createTempDirectory("fleet-web");
        running.add(() -> {
            try (Stream<Path> links = Files.list(web)) {
                for (Path l : links.toList()) {
                    Files.delete(l);
                }
            }
            Files.delete(web);
        });
        Path ours = Tools.projectDir().resolve("web");
        try (Stream<Path> files = Files.list(ours)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".js") || p.toString().endsWith(".html")
                    || p.toString().endsWith(".css")).toList()) {
                Files.createSymbolicLink(web.resolve(f.getFileName()), f);
            }
        }
        Files.createSymbolicLink(web.resolve("novnc"), ours.resolve("node_modules/@novnc/novnc"));
        return web;
    }

    @Test
    void oneTokenFileForWebsockifyAndEveryHost() throws Exception {
        String websockify = Tools.require("websockify", "websockify");
        Tools.require("ip", "iproute2");
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        int net = 16 + ThreadLocalRandom.current().nextInt(200);
        String a = "10." + net + ".1";
        String b = "10." + net + ".2";
        hypervisor("a" + tag, a);
        hypervisor("b" + tag, b);
        Path tokens = Files.writeString(dir.resolve("tokens"), "# the fleet\nvm-a: " + a + ".2:5901\nvm-b: " + b + ".2:5901\n");
        HostProcess hostA = host("a" + tag, a + ".2", "alpha", RED, tokens);
        HostProcess hostB = host("b" + tag, b + ".2", "beta", BLUE, tokens);
        hostA.awaitLine("listening on " + a + ".2:6080", 60);
        hostB.awaitLine("listening on " + b + ".2:6080", 60);

        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process proxy = ChildProcesses.start(new ProcessBuilder(websockify, "--web", pageForWebsockify().toString(),
                "--token-plugin", "TokenFile", "--token-source", tokens.toString(), "127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("websockify.log").toFile()));
        running.add(() -> ChildProcesses.stop(proxy));
        awaitPort(port);

        try (BrowserDriver browser = BrowserDriver.start()) {
            // Through websockify: each token to its hypervisor's display.
            String fleet = "http://127.0.0.1:" + port + "/index.html?token=";
            String page = browser.connect(fleet + "vm-a", null, "alpha-pw");
            assertTrue(page.endsWith(" connected"), page + "\n" + Files.readString(dir.resolve("websockify.log")));
            assertEquals(RED, centre(browser, RED));
            page = browser.connect(fleet + "vm-b", null, "beta-pw");
            assertTrue(page.endsWith(" connected"), page);
            assertEquals(BLUE, centre(browser, BLUE));

            // The same file at a host: its own display's token opens it; the other hypervisor's is refused.
            page = browser.connect("http://" + a + ".2:6080/?token=vm-a", null, "alpha-pw");
            assertTrue(page.endsWith(" connected"), page + hostA.log());
            assertEquals(RED, centre(browser, RED));
            page = browser.connect("http://" + a + ".2:6080/?token=vm-b", null, "beta-pw");
            assertFalse(page.endsWith(" connected"), page);
            assertTrue(hostA.fullLog().contains("refused: the token's display is not served here"), hostA.log());
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing listens on " + port);
    }

    /** The canvas's centre once it shows {@code rgb}, or what it shows after 5 s. */
    private static int centre(BrowserDriver browser, int rgb) throws IOException, InterruptedException {
        int got = -1;
        for (int i = 0; i < 100 && got != rgb; i++) {
            BrowserDriver.Canvas c = browser.canvas();
            got = c.pixels()[c.height() / 2 * c.width() + c.width() / 2];
            if (got != rgb) {
                Thread.sleep(50);
            }
        }
        return got;
    }
}
