package org.vfiovnc.rfb.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.GvncCapture;
import org.vfiovnc.testing.MemoryConnection;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.testing.Xvfb;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.TransportOptions;
import org.vfiovnc.transport.tls.SelfSignedCertificate;
import org.vfiovnc.transport.tls.TlsServer;

/** TigerVNC's viewer and gvnccapture over VeNCrypt against the in-process server: exact pixels. */
class NativeViewerTlsTest {
    private static final int W = 320;
    private static final int H = 200;
    private static Path certDir;
    private static TlsServer tls;
    private static UsersFile users;

    @BeforeAll
    static void certificate() throws Exception {
        certDir = Files.createTempDirectory("tls");
        tls = SelfSignedCertificate.loadOrCreate(certDir, List.of());
        Path u = Files.createTempFile("users", ".txt");
        Files.writeString(u, "viewer:tiger-pass\n");
        users = UsersFile.load(u, 1000);
    }

    @AfterAll
    static void cleanup() {
        // temp files stay for post-mortem; nothing running
    }

    private static VncServer serve(String security) throws Exception {
        SecurityTypes.Setup setup = new SecurityTypes.Setup(VncPassword.of("tiger123"), users, tls, false);
        // TLS plus PBKDF2 on a loaded 2-core machine can approach the 10 s default: give the handshake room.
        RfbConfig config = RfbConfig.defaults(SecurityTypes.parse(security, setup)).withHandshakeTimeoutMs(30_000);
        return VncServer.start(new DemoSource(W, H, true), TestServer.fastPacing(), config, NoInputSink.INSTANCE,
                new ListenAddress("127.0.0.1", 0), TransportOptions.sniffing(null, tls));
    }

    // Xvfb and vncviewer over TLS: about 2 s each; the limit leaves room for a loaded machine and the
    // test's own 30 s wait for the picture.
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"X509Vnc", "TLSPlain", "X509Plain", "TLSVnc"})
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void tigerVncViewerShowsExactPixels(String type) throws Exception {
        String viewer = Tools.require("vncviewer", "tigervnc-viewer");
        String vncpasswd = Tools.require("vncpasswd", "tigervnc-tools");
        String importTool = Tools.require("import", "imagemagick");
        Path dir = Files.createTempDirectory("tiger");
        Path pw = dir.resolve("passwd");
        Process p = new ProcessBuilder(vncpasswd, "-f").redirectOutput(pw.toFile()).start();
        p.getOutputStream().write("tiger123\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        p.waitFor(10, TimeUnit.SECONDS);
        try (VncServer server = serve(type.toLowerCase());
             Xvfb x = Xvfb.start(W + "x" + H + "x24", false)) {
            ProcessBuilder pb = new ProcessBuilder(viewer, "-SecurityTypes=" + type, "-X509CA=" + SelfSignedCertificate.certFile(certDir),
                    "-PasswordFile=" + pw, "-FullScreen=1", "-MenuKey=", "-AlertOnFatalError=0", "-ReconnectOnError=0",
                    "-Shared=1", "127.0.0.1::" + server.port())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("viewer.log").toFile());
            pb.environment().put("DISPLAY", x.displayName());
            pb.environment().put("HOME", dir.toString());
            // The viewer takes credentials from these (they win over -PasswordFile, so set only for Plain).
            if (type.endsWith("Plain")) {
                pb.environment().put("VNC_USERNAME", "viewer");
                pb.environment().put("VNC_PASSWORD", "tiger-pass");
            }
            Process v = pb.start();
            try {
                awaitScreen(server, importTool, x, dir, v);
            } finally {
                v.destroy();
                if (!v.waitFor(5, TimeUnit.SECONDS)) {
                    v.destroyForcibly();
                }
            }
        }
    }

    private static void awaitScreen(VncServer server, String importTool, Xvfb x, Path dir, Process viewer) throws Exception {
        Path shot = dir.resolve("shot.png");
        String last = "no screenshot";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Tools.Result r = Tools.run(List.of(importTool, "-window", "root", shot.toString()), Map.of("DISPLAY", x.displayName()), 30);
            if (r.exitCode() == 0) {
                last = Pixels.compare(TestServer.snapshot(server), Pixels.read(shot), W, 0);
                if (last == null) {
                    return;
                }
            }
            if (!viewer.isAlive()) {
                break;
            }
            Thread.sleep(300);
        }
        fail("viewer never showed the exact screen: " + last + " (last screenshot " + shot + ")\n"
                + Tools.tail(Files.readString(dir.resolve("viewer.log"))));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x509none", "tlsnone"})
    void gvnccaptureOverVeNCryptCapturesExactPixels(String type) throws Exception {
        GvncCapture capture = GvncCapture.trusting(SelfSignedCertificate.certFile(certDir));
        try (VncServer server = serve(type)) {
            GvncCapture.Shot shot = capture.capture(server.port(), null, null, 60);
            assertEquals(0, shot.exitCode(), shot.output());
            String diff = Pixels.compare(TestServer.snapshot(server), Pixels.read(shot.png()), W, 0);
            assertEquals(null, diff, shot.output());
        }
    }

    @Test
    void plainIsNotOfferedOnAnUnencryptedConnection() throws Exception {
        SecurityTypes.Setup setup = new SecurityTypes.Setup(null, users, tls, false);
        VeNCryptSecurity v = (VeNCryptSecurity) SecurityTypes.parse("x509plain,plain", setup).get(0);
        MemoryConnection plainConn = new MemoryConnection(new byte[0]);
        assertEquals(List.of(VeNCryptSubtype.X509_PLAIN), v.offeredOn(plainConn));
        assertEquals(List.of(VeNCryptSubtype.X509_PLAIN, VeNCryptSubtype.PLAIN), v.offeredOn(new MemoryConnection(new byte[0]).encrypted()));
        VeNCryptSecurity allowed = (VeNCryptSecurity) SecurityTypes.parse("plain",
                new SecurityTypes.Setup(null, users, null, true)).get(0);
        assertEquals(List.of(VeNCryptSubtype.PLAIN), allowed.offeredOn(plainConn));
    }
}
