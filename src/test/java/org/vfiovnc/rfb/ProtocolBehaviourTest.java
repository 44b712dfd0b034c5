package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.rfb.security.VncAuthSecurity;
import org.vfiovnc.rfb.security.VncPassword;
import org.vfiovnc.server.SourceCatalog;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.surface.CursorImage;
import org.vfiovnc.testing.ControlledSource;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Vernacular;

/** Protocol behaviour seen from real and raw clients: versions, auth, sharing, cursor, resizes, input. */
class ProtocolBehaviourTest {

    @Test
    void rfb33And37Handshakes() throws Exception {
        try (VncServer server = TestServer.start(SourceCatalog.create("demo:200x100:paused"))) {
            for (String version : new String[] {"RFB 003.003\n", "RFB 003.007\n", "RFB 003.005\n"}) {
                try (RawRfbClient c = new RawRfbClient(server.port())) {
                    assertEquals("RFB 003.008\n", c.readVersion());
                    c.out.write(version.getBytes(StandardCharsets.US_ASCII));
                    if (version.equals("RFB 003.007\n")) {
                        assertEquals(1, c.in.readUnsignedByte(), "one type offered");
                        assertEquals(1, c.in.readUnsignedByte(), "None");
                        c.out.write(1);
                        // 3.7 sends no SecurityResult for None.
                    } else {
                        assertEquals(1, c.in.readInt(), "3.3: the server picks None");
                    }
                    c.out.write(1);
                    assertEquals(200, c.in.readUnsignedShort(), version.trim());
                    assertEquals(100, c.in.readUnsignedShort());
                }
            }
        }
    }

    @Test
    void vncAuthWithRightAndWrongPassword() throws Exception {
        List<org.vfiovnc.rfb.security.SecurityType> sec = List.of(new VncAuthSecurity(VncPassword.of("s3cret!")));
        try (LogCapture log = new LogCapture();
             VncServer server = TestServer.start(SourceCatalog.create("demo:160x120:paused"), sec, NoInputSink.INSTANCE)) {
            try (Vernacular bad = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> c.setPasswordSupplier(() -> "wrong"))) {
                long deadline = System.currentTimeMillis() + 10_000;
                while (bad.errors().isEmpty() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertFalse(bad.errors().isEmpty(), "wrong password refused");
                assertTrue(bad.errors().toString().toLowerCase().contains("auth"), bad.errors().toString());
            }
            try (Vernacular good = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> c.setPasswordSupplier(() -> "s3cret!"))) {
                good.awaitImage(() -> TestServer.snapshot(server), 160, 0, 20);
            }
            assertNotNull(log.await("authentication failed", 5));
            assertFalse(log.dump().contains("s3cret") || log.dump().contains("wrong"), "no password in the log");
        }
    }

    @Test
    void exclusiveClientDisconnectsOthersByDefault() throws Exception {
        try (VncServer server = TestServer.start(SourceCatalog.create("demo:160x120:paused"));
             Vernacular shared = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> { })) {
            shared.awaitImage(() -> TestServer.snapshot(server), 160, 0, 20);
            try (RawRfbClient exclusive = exclusive(server.port())) {
                long deadline = System.currentTimeMillis() + 10_000;
                while (shared.isRunning() && server.rfb().clientCount() > 1 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(1, server.rfb().clientCount(), "only the exclusive client remains");
            }
        }
    }

    @Test
    void refuseNewPolicyRefusesTheExclusiveNewcomer() throws Exception {
        RfbConfig cfg = new RfbConfig("t", List.of(new NoneSecurity()), SharePolicy.REFUSE_NEW, false, 1 << 20, 10_000, 32);
        try (VncServer server = TestServer.start(SourceCatalog.create("demo:160x120:paused"), cfg, NoInputSink.INSTANCE);
             Vernacular shared = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> { })) {
            shared.awaitImage(() -> TestServer.snapshot(server), 160, 0, 20);
            try (RawRfbClient exclusive = new RawRfbClient(server.port())) {
                exclusive.readVersion();
                exclusive.out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
                exclusive.in.skipNBytes(1 + exclusive.in.readUnsignedByte() - 1);
                exclusive.out.write(1);
                assertEquals(0, exclusive.in.readInt());
                exclusive.out.write(0);
                assertTrue(exclusive.closedByServerWithin(10_000), "exclusive newcomer refused");
            }
            assertTrue(shared.isRunning());
            assertEquals(1, server.rfb().clientCount());
        }
    }

    private static RawRfbClient exclusive(int port) throws IOException {
        RawRfbClient c = new RawRfbClient(port);
        c.readVersion();
        c.out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        int n = c.in.readUnsignedByte();
        c.in.skipNBytes(n);
        c.out.write(1);
        c.in.readInt();
        c.out.write(0);
        c.in.skipNBytes(4 + 16);
        c.in.skipNBytes(c.in.readInt());
        return c;
    }

    @Test
    void cursorIsSentAsPseudoEncodingAndNeverInThePixels() throws Exception {
        try (VncServer server = TestServer.start(SourceCatalog.create("demo:64x64:paused"));
             RawRfbClient c = new RawRfbClient(server.port()).handshakeNone()) {
            // SetEncodings: Raw, Cursor.
            c.out.write(new byte[] {2, 0, 0, 2, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x11});
            c.out.write(new byte[] {3, 0, 0, 0, 0, 0, 0, 64, 0, 64});
            DataInputStream in = c.in;
            assertEquals(0, in.readUnsignedByte());
            in.readUnsignedByte();
            int rects = in.readUnsignedShort();
            boolean sawCursor = false;
            int[] pixels = null;
            for (int i = 0; i < rects; i++) {
                int x = in.readUnsignedShort();
                int y = in.readUnsignedShort();
                int w = in.readUnsignedShort();
                int h = in.readUnsignedShort();
                int enc = in.readInt();
                if (enc == Encodings.CURSOR) {
                    CursorImage arrow = CursorImage.defaultArrow();
                    assertEquals(arrow.width(), w);
                    assertEquals(arrow.height(), h);
                    assertEquals(arrow.hotX(), x);
                    in.skipNBytes((long) w * h * 4 + (long) (w + 7) / 8 * h);
                    sawCursor = true;
                } else {
                    assertEquals(Encodings.RAW, enc);
                    assertEquals(64, w);
                    pixels = new int[w * h];
                    for (int p = 0; p < pixels.length; p++) {
                        pixels[p] = Integer.reverseBytes(in.readInt()) & 0xffffff;
                    }
                }
            }
            assertTrue(sawCursor, "cursor pseudo-rectangle sent");
            assertNotNull(pixels);
            assertNull(Pixels.compare(TestServer.snapshot(server), pixels, 64, 0), "pixels are the surface, no cursor drawn");
        }
    }

    @Test
    void sizeChangeReachesViewerAsDesktopSize() throws Exception {
        ControlledSource src = new ControlledSource(200, 150, 1);
        try (VncServer server = TestServer.start(src);
             Vernacular v = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> c.setEnableHextileEncoding(true))) {
            v.awaitImage(() -> TestServer.snapshot(server), 200, 0, 20);
            int[] bigger = src.show(320, 240, 2);
            v.awaitImage(() -> bigger, 320, 0, 20);
            assertEquals(240, v.lastImage().getHeight());
        }
    }

    @Test
    void noSignalShowsNoticeAndPictureReturns() throws Exception {
        ControlledSource src = new ControlledSource(240, 160, 1);
        try (VncServer server = TestServer.start(src);
             Vernacular v = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> { })) {
            v.awaitImage(() -> TestServer.snapshot(server), 240, 0, 20);
            src.noSignal();
            long deadline = System.currentTimeMillis() + 10_000;
            while (server.loop().state() != org.vfiovnc.display.DisplayState.NO_SIGNAL && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(org.vfiovnc.display.DisplayState.NO_SIGNAL, server.loop().state());
            v.awaitImage(() -> TestServer.snapshot(server), 240, 0, 20);
            int[] back = src.show(240, 160, 9);
            v.awaitImage(() -> back, 240, 0, 20);
            assertTrue(v.isRunning());
        }
    }

    /** Records what reaches the input sink. */
    static final class RecordingSink implements InputSink {
        final java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void key(boolean down, int keysym, int scancode) {
            events.add("key " + (down ? "down" : "up") + " " + Integer.toHexString(keysym));
        }

        @Override
        public void pointer(int x, int y, int buttonMask, int width, int height) {
            events.add("pointer " + x + "," + y + " " + buttonMask);
        }
    }

    @Test
    void inputReachesTheSinkUnlessViewOnly() throws Exception {
        for (boolean viewOnly : new boolean[] {false, true}) {
            RecordingSink sink = new RecordingSink();
            RfbConfig cfg = new RfbConfig("t", List.of(new NoneSecurity()), SharePolicy.DISCONNECT_OTHERS, viewOnly, 1 << 20, 10_000, 32);
            try (VncServer server = TestServer.start(SourceCatalog.create("demo:160x120:paused"), cfg, sink);
                 Vernacular v = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> { })) {
                v.awaitImage(() -> TestServer.snapshot(server), 160, 0, 20);
                v.client().moveMouse(10, 20);
                v.client().updateKey(0x61, true);
                v.client().updateKey(0x61, false);
                Thread.sleep(500);
                if (viewOnly) {
                    assertTrue(sink.events.isEmpty(), "view-only drops input: " + sink.events);
                } else {
                    long deadline = System.currentTimeMillis() + 5000;
                    while (sink.events.size() < 3 && System.currentTimeMillis() < deadline) {
                        Thread.sleep(20);
                    }
                    assertTrue(sink.events.contains("pointer 10,20 0"), sink.events.toString());
                    assertTrue(sink.events.contains("key down 61") && sink.events.contains("key up 61"), sink.events.toString());
                }
            }
        }
    }
}
