package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.testing.HostProcess;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TigerViewer;
import org.vfiovnc.testing.Xvfb;
import org.vfiovnc.transport.tls.SelfSignedCertificate;

/**
 * Native viewers on a host's shared port pick their display by user name: TigerVNC's viewer logs
 * in as {@code bob@beta} with X509Plain and shows beta's screen, as {@code alice@alpha} alpha's;
 * a user of one display cannot enter another, and a password never crosses plain TCP.
 */
@Timeout(240)
class SharedPortLoginTest {
    private static final int W = 64;
    private static final int H = 48;
    private static final int RED = 0xff0000;
    private static final int BLUE = 0x0000ff;

    @TempDir
    Path dir;

    private Path screen(String name, int rgb) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(W * H * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < W * H; i++) {
            b.putInt(rgb);
        }
        return Files.write(dir.resolve(name + ".xr24"), b.array());
    }

    private String display(String name, Path screen, String users) throws IOException {
        Path file = Files.writeString(dir.resolve(name + ".users"), users + "\n");
        return "  " + name + ":\n    source: raw:" + screen + ":" + W + "x" + H + ":XR24\n    users-file: " + file
                + "\n    security: [plain]\n    allow-plain-text-passwords: true\n    tick-ms: 20\n";
    }

    private static int[] filled(int rgb) {
        int[] px = new int[W * H];
        Arrays.fill(px, rgb);
        return px;
    }

    @Test
    void theUserNamePicksTheDisplay() throws Exception {
        Path tls = dir.resolve("tls");
        Path config = Files.writeString(dir.resolve("host.yaml"), "listen: 127.0.0.1:0\ntls-generate: " + tls
                + "\ndisplays:\n" + display("alpha", screen("alpha", RED), "alice:alice-pw")
                + display("beta", screen("beta", BLUE), "bob:bob-pw"));
        try (HostProcess host = HostProcess.start(config)) {
            int shared = host.awaitPort("listening on ", 60);
            String ca = "-X509CA=" + SelfSignedCertificate.certFile(tls);

            try (Xvfb x = Xvfb.start(TigerViewer.SCREEN_WIDTH + "x" + TigerViewer.SCREEN_HEIGHT + "x24", false)) {
                try (TigerViewer bob = TigerViewer.startOn(x, shared,
                        Map.of("VNC_USERNAME", "bob@beta", "VNC_PASSWORD", "bob-pw"), "-SecurityTypes=X509Plain", ca)) {
                    bob.awaitShown(() -> filled(BLUE), W, H, 0, 60);
                }
                try (TigerViewer alice = TigerViewer.startOn(x, shared,
                        Map.of("VNC_USERNAME", "alice@alpha", "VNC_PASSWORD", "alice-pw"), "-SecurityTypes=X509Plain", ca)) {
                    alice.awaitShown(() -> filled(RED), W, H, 0, 60);
                }
                // bob's password is beta's, not alpha's: refused, and the viewer says why.
                try (TigerViewer wrong = TigerViewer.startOn(x, shared,
                        Map.of("VNC_USERNAME", "bob@alpha", "VNC_PASSWORD", "bob-pw"), "-SecurityTypes=X509Plain", ca)) {
                    String log = awaitExit(wrong);
                    assertTrue(log.toLowerCase(Locale.ROOT).contains("authentication failed"), log);
                }
            }
            // Over plain TCP no Plain subtype is offered: the password is never sent in the clear.
            assertThrows(IOException.class,
                    () -> RawRfbClient.connect(shared).handshakePlain("bob@beta", "bob-pw"));
            String log = host.fullLog();
            assertTrue(log.contains("is user bob of display beta"), log);
            assertTrue(log.contains("is user alice of display alpha"), log);
            assertFalse(log.contains("bob-pw") || log.contains("alice-pw"), "a password in the log");
        }
    }

    private static String awaitExit(TigerViewer viewer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (viewer.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertFalse(viewer.isAlive(), "the viewer is still running after a refused login: " + viewer.log());
        return viewer.log();
    }
}
