package org.vfiovnc.rfb.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.RawClient;
import org.vfiovnc.transport.door.TransportOptions;
import org.vfiovnc.transport.tls.SelfSignedCertificate;
import org.vfiovnc.transport.tls.TlsServer;

/**
 * With a certificate and TLS required (serve's default then), plain TCP offers no authentication in
 * the clear that a man in the middle could pick after stripping VeNCrypt: native viewers get only
 * VeNCrypt with TLS subtypes, ws:// is refused with the reason, and the page over http:// sends the
 * browser to https://. Without requiring it, plain TCP keeps today's [VeNCrypt, VncAuth].
 */
class RequireTlsTest {
    private static TlsServer tls;
    private static VncServer required;
    private static VncServer optional;

    private static VncServer serve(boolean requireTls) throws Exception {
        SecurityTypes.Setup setup = new SecurityTypes.Setup(VncPassword.of("vncpass"), null, tls, false, requireTls);
        RfbConfig config = RfbConfig.defaults(SecurityPolicy.configure(null, setup));
        return VncServer.start(new DemoSource(320, 200, true), TestServer.fastPacing(), config, NoInputSink.INSTANCE,
                new ListenAddress("127.0.0.1", 0), TransportOptions.sniffing(null, tls).withRequireTls(requireTls));
    }

    @BeforeAll
    static void start() throws Exception {
        tls = SelfSignedCertificate.loadOrCreate(Files.createTempDirectory("tls"), List.of());
        required = serve(true);
        optional = serve(false);
    }

    @AfterAll
    static void stop() {
        required.close();
        optional.close();
    }

    /** The security types, then (when VeNCrypt is among them) its subtypes, offered on plain TCP. */
    private static int[][] offers(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            in.readFully(new byte[12]);
            out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            int[] types = new int[in.readUnsignedByte()];
            for (int i = 0; i < types.length; i++) {
                types[i] = in.readUnsignedByte();
            }
            out.write(19);
            in.readUnsignedShort();
            out.write(new byte[] {0, 2});
            in.readUnsignedByte();
            int[] subtypes = new int[in.readUnsignedByte()];
            for (int i = 0; i < subtypes.length; i++) {
                subtypes[i] = in.readInt();
            }
            return new int[][] {types, subtypes};
        }
    }

    @Test
    void nativeViewersOnPlainTcpAreOfferedOnlyTls() throws Exception {
        int[][] o = offers(required.port());
        assertArrayEquals(new int[] {19}, o[0], "no VncAuth in the clear");
        assertArrayEquals(new int[] {VeNCryptSubtype.X509_VNC.code()}, o[1]);
        assertEquals(0, VeNCryptTestClient.connect(required.port(), VeNCryptSubtype.X509_VNC, tls.certificate(), null,
                "vncpass").result());
        String[] reason = new String[1];
        try (RawRfbClient c = RawRfbClient.connect(required.port())) {
            c.version();
            assertArrayEquals(new int[] {19}, c.securityTypes(reason));
        }
    }

    @Test
    void withoutRequiringTlsPlainTcpKeepsTodaysOffers() throws Exception {
        assertArrayEquals(new int[] {19, 2}, offers(optional.port())[0]);
    }

    @Test
    void aBrowserOnWsIsRefusedWithTheReason() throws Exception {
        CompletableFuture<String> refusal = new CompletableFuture<>();
        StringBuilder got = new StringBuilder();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + required.port() + "/websockify"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                        got.append(StandardCharsets.ISO_8859_1.decode(data));
                        if (got.length() == 12) {
                            w.sendBinary(ByteBuffer.wrap("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII)), true);
                        } else if (got.indexOf("https://") >= 0) {
                            refusal.complete(got.substring(12));
                        }
                        w.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        String r = refusal.get(10, TimeUnit.SECONDS);
        assertEquals(0, r.charAt(0), "no security types");
        assertTrue(r.contains("open the page with https://"), r);
        ws.abort();
    }

    @Test
    void thePageOverHttpSendsTheBrowserToHttps() throws Exception {
        String r = RawClient.exchange(required.port(), ("GET /?autoconnect=0 HTTP/1.1\r\nHost: 127.0.0.1:" + required.port()
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(307, RawClient.status(r), r);
        assertTrue(r.contains("Location: https://127.0.0.1:" + required.port() + "/?autoconnect=0\r\n"), r);
        assertEquals(404, RawClient.status(RawClient.get(optional.port(), "/")), "no page configured, no redirect");
    }
}
