package org.vfiovnc.rfb.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.TransportOptions;
import org.vfiovnc.transport.tls.SelfSignedCertificate;
import org.vfiovnc.transport.tls.TlsServer;

/**
 * Wrong passwords inside TLS, a certificate the client does not trust and a truncated TLS
 * handshake are each refused, and the server goes on serving the next client.
 */
class VeNCryptRefusalTest {
    private static TlsServer tls;
    private static TlsServer otherTls;
    private static VncServer server;

    @BeforeAll
    static void start() throws Exception {
        tls = SelfSignedCertificate.loadOrCreate(Files.createTempDirectory("tls"), List.of());
        otherTls = SelfSignedCertificate.loadOrCreate(Files.createTempDirectory("tls-other"), List.of());
        Path users = Files.createTempFile("users", ".txt");
        Files.writeString(users, "# test users\nalice:wonderland\nbob:" + PasswordHash.create("builder".toCharArray(), 1000).encoded() + "\n");
        SecurityTypes.Setup setup = new SecurityTypes.Setup(VncPassword.of("vncpass"), UsersFile.load(users, 1000), tls, false);
        RfbConfig config = RfbConfig.defaults(SecurityTypes.parse("x509vnc,x509plain,x509none", setup));
        server = VncServer.start(new DemoSource(320, 200, true), TestServer.fastPacing(), config, NoInputSink.INSTANCE,
                new ListenAddress("127.0.0.1", 0), TransportOptions.sniffing(null, tls));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void stillServes() throws Exception {
        VeNCryptTestClient.Outcome ok = VeNCryptTestClient.connect(server.port(), VeNCryptSubtype.X509_VNC,
                tls.certificate(), null, "vncpass");
        assertEquals(0, ok.result());
        assertEquals(320, ok.width());
        assertEquals(200, ok.height());
    }

    @Test
    void rightCredentialsAreServed() throws Exception {
        stillServes();
        assertEquals(0, VeNCryptTestClient.connect(server.port(), VeNCryptSubtype.X509_PLAIN, tls.certificate(), "alice", "wonderland").result());
        assertEquals(0, VeNCryptTestClient.connect(server.port(), VeNCryptSubtype.X509_PLAIN, tls.certificate(), "bob", "builder").result());
        assertEquals(0, VeNCryptTestClient.connect(server.port(), VeNCryptSubtype.X509_NONE, tls.certificate(), null, null).result());
    }

    @Test
    void wrongPasswordsAreRefusedInsideTls() throws Exception {
        VeNCryptTestClient.Outcome vnc = VeNCryptTestClient.connect(server.port(), VeNCryptSubtype.X509_VNC, tls.certificate(), null, "nope");
        assertEquals(1, vnc.result());
        assertEquals("authentication failed", vnc.reason());
        assertEquals(1, VeNCryptTestClient.connect(server.port(), VeNCryptSubtype.X509_PLAIN, tls.certificate(), "alice", "wrong").result());
        assertEquals(1, VeNCryptTestClient.connect(server.port(), VeNCryptSubtype.X509_PLAIN, tls.certificate(), "mallory", "wonderland").result());
        stillServes();
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsAndTheServerGoesOn() throws Exception {
        assertThrows(SSLException.class, () -> VeNCryptTestClient.connect(server.port(), VeNCryptSubtype.X509_VNC,
                otherTls.certificate(), null, "vncpass"));
        stillServes();
    }

    @Test
    void aTruncatedTlsHandshakeIsClosedAndTheServerGoesOn() throws Exception {
        // The start of a ClientHello record that promises 512 bytes, then the client goes away.
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03});
            s.getOutputStream().flush();
            s.shutdownOutput();
            s.setSoTimeout(15_000);
            InputStream in = s.getInputStream();
            byte[] b = new byte[4096];
            int total = 0;
            try {
                int n;
                while ((n = in.read(b)) > 0) {
                    total += n;
                }
            } catch (IOException reset) {
                // a reset is a close too
            }
            assertTrue(total < 4096, "server kept talking");
        }
        // Garbage that is not TLS at all after 0x16.
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(new byte[] {0x16, 'h', 'e', 'l', 'l', 'o', 0, 0, 0, 0});
            s.setSoTimeout(15_000);
            try {
                while (s.getInputStream().read() >= 0) {
                    // drain until the server closes
                }
            } catch (IOException reset) {
                // closed
            }
        }
        stillServes();
    }
}
