package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Vernacular;

/**
 * Each hostile input closes only the offending client, with a logged reason, while a real viewer
 * on the same (animated) display keeps receiving updates.
 */
class MalformedInputTest {
    private static VncServer server;
    private static Vernacular bystander;
    private LogCapture log;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(SourceCatalog.create("demo:320x240"));
        bystander = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> c.setEnableHextileEncoding(true));
    }

    @AfterAll
    static void stop() {
        bystander.close();
        server.close();
    }

    @BeforeEach
    void capture() {
        log = new LogCapture();
    }

    @AfterEach
    void bystanderStillServed() throws Exception {
        try {
            int before = bystander.updateCount();
            long deadline = System.currentTimeMillis() + 10_000;
            while (bystander.updateCount() <= before + 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(bystander.updateCount() > before + 2, "the other viewer keeps getting updates");
            assertTrue(bystander.errors().isEmpty(), "other viewer errors: " + bystander.errors());
            assertTrue(bystander.isRunning());
        } finally {
            log.close();
        }
    }

    private void assertClosedWithReason(RawRfbClient c, String reason) throws Exception {
        assertTrue(c.closedByServerWithin(10_000), "server closed the hostile connection");
        String line = log.await(reason, 5);
        assertNotNull(line, "log names the reason '" + reason + "':\n" + log.dump());
    }

    @Test
    void truncatedHandshake() throws Exception {
        try (RawRfbClient c = new RawRfbClient(server.port())) {
            c.readVersion();
            c.out.write("RFB 003.".getBytes(StandardCharsets.US_ASCII));
            c.out.flush();
            c.socket.shutdownOutput();
            assertClosedWithReason(c, "client closed the connection");
        }
    }

    @Test
    void wrongVersionString() throws Exception {
        try (RawRfbClient c = new RawRfbClient(server.port())) {
            c.readVersion();
            c.out.write("XYZ 003.008\n".getBytes(StandardCharsets.US_ASCII));
            assertClosedWithReason(c, "bad protocol version string");
        }
    }

    @Test
    void unsupportedMajorVersion() throws Exception {
        try (RawRfbClient c = new RawRfbClient(server.port())) {
            c.readVersion();
            c.out.write("RFB 004.000\n".getBytes(StandardCharsets.US_ASCII));
            assertClosedWithReason(c, "unsupported protocol version");
        }
    }

    @Test
    void badSecurityTypeGetsReasonThenClose() throws Exception {
        try (RawRfbClient c = new RawRfbClient(server.port())) {
            c.readVersion();
            c.out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            int n = c.in.readUnsignedByte();
            c.in.skipNBytes(n);
            c.out.write(99);
            assertEquals(1, c.in.readInt(), "SecurityResult failed");
            byte[] reason = new byte[c.in.readInt()];
            c.in.readFully(reason);
            assertTrue(new String(reason, StandardCharsets.UTF_8).contains("99"));
            assertClosedWithReason(c, "security type 99");
        }
    }

    @Test
    void setEncodingsWithAMillionEntries() throws Exception {
        try (RawRfbClient c = new RawRfbClient(server.port()).handshakeNone()) {
            c.out.write(new byte[] {2, 0, (byte) 0xff, (byte) 0xff});
            byte[] chunk = new byte[4000];
            for (int i = 0; i < chunk.length; i += 4) {
                chunk[i + 3] = 77;
            }
            try {
                for (int i = 0; i < 1_000_000 * 4 / chunk.length; i++) {
                    c.out.write(chunk);
                }
            } catch (IOException expected) {
                // The server may close while we are still sending: that is the point.
            }
            // After 65535 entries the rest is read as messages: the first malformed one ends the client.
            assertClosedWithReason(c, "protocol error");
        }
    }

    @Test
    void clientCutTextOfTwoGibibytes() throws Exception {
        try (RawRfbClient c = new RawRfbClient(server.port()).handshakeNone()) {
            c.out.write(new byte[] {6, 0, 0, 0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            c.out.write(new byte[1000]);
            assertClosedWithReason(c, "exceeds the limit");
        }
    }

    @Test
    void unknownMessageType() throws Exception {
        try (RawRfbClient c = new RawRfbClient(server.port()).handshakeNone()) {
            c.out.write(new byte[] {77, 1, 2, 3});
            assertClosedWithReason(c, "unknown client message type 77");
        }
    }

    @Test
    void unsupportedPixelFormat() throws Exception {
        try (RawRfbClient c = new RawRfbClient(server.port()).handshakeNone()) {
            // 24 bpp true colour: not a size RFB allows.
            c.out.write(new byte[] {0, 0, 0, 0, 24, 24, 0, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0, 0, 0, 0});
            assertClosedWithReason(c, "unsupported pixel format");
        }
    }

    @Test
    void absurdPixelFormatShift() throws Exception {
        try (RawRfbClient c = new RawRfbClient(server.port()).handshakeNone()) {
            c.out.write(new byte[] {0, 0, 0, 0, 16, 16, 0, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0, 0, 0, 0});
            assertClosedWithReason(c, "does not fit");
        }
    }

    @Test
    void updateRequestOutsideTheScreenIsHarmless() throws Exception {
        try (RawRfbClient c = new RawRfbClient(server.port()).handshakeNone()) {
            c.out.write(new byte[] {3, 0, (byte) 0xff, (byte) 0xf0, (byte) 0xff, (byte) 0xf0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            c.out.write(new byte[] {3, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            // The second (in-range) request gets an update: a FramebufferUpdate header.
            assertEquals(0, c.in.readUnsignedByte());
            c.in.readUnsignedByte();
            assertTrue(c.in.readUnsignedShort() >= 1);
        }
    }
}
