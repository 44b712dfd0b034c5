package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiovnc.testing.ClipboardWire.CAPS;
import static org.vfiovnc.testing.ClipboardWire.NOTIFY;
import static org.vfiovnc.testing.ClipboardWire.PEEK;
import static org.vfiovnc.testing.ClipboardWire.PROVIDE;
import static org.vfiovnc.testing.ClipboardWire.REQUEST;
import static org.vfiovnc.testing.ClipboardWire.TEXT;
import static org.vfiovnc.testing.ClipboardWire.classicCut;
import static org.vfiovnc.testing.ClipboardWire.extendedCut;
import static org.vfiovnc.testing.ClipboardWire.provideBody;
import static org.vfiovnc.testing.ClipboardWire.readCut;
import static org.vfiovnc.testing.ClipboardWire.zlib;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.input.ClipboardDirection;
import org.vfiovnc.input.GuestLink;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.input.PowerControl;
import org.vfiovnc.protocol.Encodings;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.ClipboardWire;
import org.vfiovnc.testing.ClipboardWire.Cut;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.MemoryClipboard;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.TransportOptions;

/**
 * The clipboard between viewers and the guest: classic Client/ServerCutText (Latin-1) and the
 * Extended Clipboard (caps, notify, request, peek, provide with zlib, UTF-8), each direction only
 * where --clipboard allows it; hostile clipboard messages close only their viewer with the reason
 * logged, and never log the text.
 */
class ClipboardProtocolTest {
    private static final String SECRET = "Grüße, s3cr€t";

    private final MemoryClipboard guest = new MemoryClipboard();
    private final LogCapture log = new LogCapture();
    private VncServer server;
    private boolean listens;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        for (String line : log.lines()) {
            assertFalse(line.contains("s3cr"), "clipboard text in the log: " + line);
        }
        log.close();
    }

    private VncServer start(ClipboardDirection direction, boolean viewOnly, int maxCutText) throws IOException {
        listens = direction.fromGuest();
        RfbConfig config = new RfbConfig("t", List.of(new NoneSecurity()), SharePolicy.ALWAYS_SHARED, viewOnly,
                maxCutText, 10_000, 32);
        server = VncServer.start(new RefreshLoop(new DemoSource(64, 64, true), TestServer.fastPacing()), config,
                new GuestLink(NoInputSink.INSTANCE, PowerControl.NONE, guest.limitedTo(direction)),
                new ListenAddress("127.0.0.1", 0), TransportOptions.plainRfb());
        return server;
    }

    /** A connected viewer, listing the Extended Clipboard or not. */
    private RawRfbClient viewer(boolean extended) throws Exception {
        int before = guest.listenerCount();
        RawRfbClient c = RawRfbClient.connect(server.port()).handshakeNone();
        c.setEncodings(extended ? new int[] {Encodings.RAW, Encodings.EXTENDED_CLIPBOARD} : new int[] {Encodings.RAW});
        long deadline = System.currentTimeMillis() + 5000;
        while (listens && guest.listenerCount() <= before && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        return c;
    }

    /** The provided text, checked to end in the NUL the extended clipboard wants. */
    private static String text(byte[] provideBody) throws IOException {
        String t = ClipboardWire.providedText(provideBody);
        assertTrue(t.endsWith("\0"), "NUL-terminated");
        return t.substring(0, t.length() - 1);
    }

    private void awaitFromViewers(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (guest.fromViewers.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, guest.fromViewers.size(), "texts that reached the guest: " + guest.fromViewers.size());
    }

    @Test
    void classicCutTextBothWays() throws Exception {
        start(ClipboardDirection.BOTH, false, 1 << 20);
        try (RawRfbClient c = viewer(false)) {
            classicCut(c, "h\u00e9llo\r\nworld".getBytes(StandardCharsets.ISO_8859_1));
            awaitFromViewers(1);
            assertEquals("h\u00e9llo\nworld", guest.fromViewers.get(0));
            guest.guestCopies("Gr\u00fc\u00dfe \u20ac\r\nz");
            Cut cut = readCut(c, 5000);
            assertEquals(-1, cut.flags());
            assertEquals("Gr\u00fc\u00dfe ?\nz", new String(cut.body(), StandardCharsets.ISO_8859_1),
                    "Latin-1, LF line ends, '?' for the rest");
        }
    }

    @Test
    void extendedClipboardCapsNotifyRequestProvideAndPeek() throws Exception {
        start(ClipboardDirection.BOTH, false, 5000);
        try (RawRfbClient c = viewer(true)) {
            Cut caps = readCut(c, 5000);
            assertEquals(CAPS | REQUEST | PEEK | NOTIFY | PROVIDE | TEXT, caps.flags());
            assertEquals(5000, ByteBuffer.wrap(caps.body()).getInt(), "text size limit in the caps");
            extendedCut(c, CAPS | REQUEST | PEEK | NOTIFY | PROVIDE | TEXT, new byte[4]);

            // viewer -> guest: notify, the server requests, the viewer provides
            extendedCut(c, NOTIFY | TEXT, new byte[0]);
            assertEquals(REQUEST | TEXT, readCut(c, 5000).flags());
            extendedCut(c, PROVIDE | TEXT, provideBody(SECRET + "\nline \u2603"));
            awaitFromViewers(1);
            assertEquals(SECRET + "\nline \u2603", guest.fromViewers.get(0));

            // guest -> viewer: notify, the viewer requests, the server provides
            extendedCut(c, PEEK, new byte[0]);
            assertEquals(NOTIFY, readCut(c, 5000).flags(), "peek before the guest copied: no text");
            guest.guestCopies("caf\u00e9\n\u2603 ok");
            assertEquals(NOTIFY | TEXT, readCut(c, 5000).flags());
            extendedCut(c, REQUEST | TEXT, new byte[0]);
            Cut provide = readCut(c, 5000);
            assertEquals(PROVIDE | TEXT, provide.flags());
            assertEquals("caf\u00e9\r\n\u2603 ok", text(provide.body()), "UTF-8, CRLF line ends");
            extendedCut(c, PEEK, new byte[0]);
            assertEquals(NOTIFY | TEXT, readCut(c, 5000).flags());
        }
    }

    @Test
    void aViewerWithoutNotifyGetsTheTextDirectlyWithinItsSize() throws Exception {
        start(ClipboardDirection.BOTH, false, 5000);
        try (RawRfbClient c = viewer(true)) {
            readCut(c, 5000);
            extendedCut(c, CAPS | PROVIDE | TEXT, ByteBuffer.allocate(4).putInt(100).array());
            extendedCut(c, PEEK, new byte[0]);
            assertEquals(NOTIFY, readCut(c, 5000).flags(), "the answer shows the caps were read");
            guest.guestCopies("short");
            Cut provide = readCut(c, 5000);
            assertEquals(PROVIDE | TEXT, provide.flags());
            assertEquals("short", text(provide.body()));
            guest.guestCopies("x".repeat(200)); // over the viewer's 100 bytes: not sent
            guest.guestCopies("again");
            assertEquals("again", text(readCut(c, 5000).body()));
        }
    }

    @Test
    void directionsAreKept() throws Exception {
        start(ClipboardDirection.FROM_GUEST, false, 5000);
        try (RawRfbClient c = viewer(true); RawRfbClient classic = viewer(false)) {
            Cut caps = readCut(c, 5000);
            assertEquals(0, ByteBuffer.wrap(caps.body()).getInt(), "takes no text from viewers");
            extendedCut(c, NOTIFY | TEXT, new byte[0]);
            extendedCut(c, PROVIDE | TEXT, provideBody("nope"));
            classicCut(classic, "nope".getBytes(StandardCharsets.ISO_8859_1));
            guest.guestCopies("out");
            assertEquals(NOTIFY | TEXT, readCut(c, 5000).flags(), "no request for the viewer's text came before");
            assertEquals("out", new String(readCut(classic, 5000).body(), StandardCharsets.ISO_8859_1));
            assertTrue(guest.fromViewers.isEmpty());
        }
    }

    @Test
    void toGuestOnlyAndViewOnly() throws Exception {
        start(ClipboardDirection.TO_GUEST, false, 5000);
        try (RawRfbClient c = viewer(false)) {
            guest.guestCopies("not for viewers");
            classicCut(c, "in".getBytes(StandardCharsets.ISO_8859_1));
            awaitFromViewers(1);
            assertEquals(0, c.in.available(), "nothing sent to the viewer");
        }
        server.close();
        guest.fromViewers.clear();
        start(ClipboardDirection.BOTH, true, 5000);
        try (RawRfbClient c = viewer(false)) {
            classicCut(c, "typed into a view-only server".getBytes(StandardCharsets.ISO_8859_1));
            guest.guestCopies("seen");
            assertEquals("seen", new String(readCut(c, 5000).body(), StandardCharsets.ISO_8859_1));
            assertTrue(guest.fromViewers.isEmpty(), "view-only: viewer text dropped");
        }
    }

    @Test
    void offSendsNoCapsAndRefusesExtendedMessages() throws Exception {
        start(ClipboardDirection.OFF, false, 5000);
        try (RawRfbClient c = viewer(true)) {
            extendedCut(c, NOTIFY | TEXT, new byte[0]);
            assertClosedWithReason(c, "not negotiated");
        }
    }

    private void assertClosedWithReason(RawRfbClient c, String reason) throws Exception {
        assertTrue(c.closedByServerWithin(10_000), "server closed the hostile connection");
        assertNotNull(log.await(reason, 5), "log names the reason '" + reason + "':\n" + log.dump());
    }

    /** Each malformed or oversized message closes its viewer only; another viewer keeps its clipboard. */
    @Test
    void hostileClipboardMessagesCloseOnlyThatViewer() throws Exception {
        start(ClipboardDirection.BOTH, false, 1000);
        try (RawRfbClient bystander = viewer(false)) {
            record Hostile(int flags, byte[] body, String reason) {}
            byte[] bigText = provideBody("x".repeat(1001));
            byte[] truncated = provideBody(SECRET);
            truncated = java.util.Arrays.copyOf(truncated, truncated.length - 6);
            byte[] sizeLies = zlib(ByteBuffer.allocate(8).putInt(500).put("abcd".getBytes()).array());
            List<Hostile> cases = List.of(
                    new Hostile(PROVIDE | TEXT, bigText, "exceeds the limit of 1000"),
                    new Hostile(PROVIDE | TEXT, new byte[] {1, 2, 3, 4, 5, 6}, "corrupt zlib data"),
                    new Hostile(PROVIDE | TEXT, truncated, "zlib data ends"),
                    new Hostile(PROVIDE | TEXT, sizeLies, "zlib data ends"),
                    new Hostile(PROVIDE | TEXT, zlib(new byte[] {0, 0}), "zlib data ends"),
                    new Hostile(CAPS | TEXT | 2 | 4, new byte[8], "caps list 3 formats"),
                    new Hostile(TEXT, new byte[0], "without an action"),
                    new Hostile(NOTIFY | TEXT, new byte[2000], "extended ClientCutText of 2004 bytes"));
            for (Hostile h : cases) {
                try (RawRfbClient c = viewer(true)) {
                    readCut(c, 5000);
                    extendedCut(c, h.flags(), h.body());
                    assertClosedWithReason(c, h.reason());
                }
            }
            try (RawRfbClient c = viewer(false)) {
                c.out.write(new byte[] {6, 0, 0, 0});
                c.out.writeInt(Integer.MIN_VALUE);
                c.out.flush();
                assertClosedWithReason(c, "not negotiated");
            }
            try (RawRfbClient c = viewer(false)) {
                classicCut(c, new byte[1001]);
                assertClosedWithReason(c, "exceeds the limit of 1000");
            }
            guest.guestCopies("still here");
            assertEquals("still here", new String(readCut(bystander, 5000).body(), StandardCharsets.ISO_8859_1));
            assertTrue(guest.fromViewers.isEmpty());
        }
    }
}
