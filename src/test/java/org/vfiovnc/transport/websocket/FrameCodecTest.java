package org.vfiovnc.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private static final byte[] KEY = {0x12, 0x34, 0x56, 0x78};

    /** Delivers one byte per read call, as a slow network might. */
    static final class OneByteAtATime extends InputStream {
        private final InputStream in;

        OneByteAtATime(byte[] b) {
            in = new ByteArrayInputStream(b);
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : in.read(b, off, 1);
        }
    }

    private static byte[] payload(int n) {
        byte[] p = new byte[n];
        new Random(n).nextBytes(p);
        return p;
    }

    private static byte[] encode(boolean fin, int opcode, byte[] p, byte[] key) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter.write(out, fin, opcode, p, 0, p.length, key);
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 125, 126, 127, 65535, 65536, 65539})
    void maskedFramesRoundTripFedOneByteAtATime(int length) throws IOException {
        byte[] p = payload(length);
        byte[] wire = encode(true, Frame.BINARY, p, KEY);
        int headerLen = length < 126 ? 2 : length <= 65535 ? 4 : 10;
        assertEquals(headerLen + 4 + length, wire.length);
        Frame f = new FrameReader(new OneByteAtATime(wire), 1 << 20, true).read();
        assertTrue(f.fin());
        assertEquals(Frame.BINARY, f.opcode());
        assertArrayEquals(p, f.payload());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 65535, 65536})
    void unmaskedFramesRoundTripOnTheClientSide(int length) throws IOException {
        byte[] p = payload(length);
        byte[] wire = encode(true, Frame.BINARY, p, null);
        Frame f = new FrameReader(new ByteArrayInputStream(wire), 1 << 20, false).read();
        assertArrayEquals(p, f.payload());
    }

    @Test
    void serverRefusesUnmaskedClientFrames() throws IOException {
        byte[] wire = encode(true, Frame.BINARY, payload(3), null);
        WebSocketException e = assertThrows(WebSocketException.class,
                () -> new FrameReader(new ByteArrayInputStream(wire), 100, true).read());
        assertEquals(WebSocketException.PROTOCOL_ERROR, e.closeCode());
    }

    @Test
    void payloadLimitAndControlFrameLimitAreEnforced() throws IOException {
        byte[] big = encode(true, Frame.BINARY, payload(101), KEY);
        assertEquals(WebSocketException.TOO_BIG, assertThrows(WebSocketException.class,
                () -> new FrameReader(new ByteArrayInputStream(big), 100, true).read()).closeCode());
        byte[] bigPing = encode(true, Frame.PING, payload(126), KEY);
        assertThrows(WebSocketException.class, () -> new FrameReader(new ByteArrayInputStream(bigPing), 1000, true).read());
        byte[] fragmentedPing = encode(false, Frame.PING, payload(3), KEY);
        assertThrows(WebSocketException.class, () -> new FrameReader(new ByteArrayInputStream(fragmentedPing), 1000, true).read());
        byte[] reserved = encode(true, Frame.BINARY, payload(3), KEY);
        reserved[0] |= 0x40;
        assertThrows(WebSocketException.class, () -> new FrameReader(new ByteArrayInputStream(reserved), 1000, true).read());
        byte[] opcode3 = encode(true, 3, payload(3), KEY);
        assertThrows(WebSocketException.class, () -> new FrameReader(new ByteArrayInputStream(opcode3), 1000, true).read());
    }

    @Test
    void truncatedFrameIsAnError() throws IOException {
        byte[] wire = encode(true, Frame.BINARY, payload(300), KEY);
        byte[] cut = java.util.Arrays.copyOf(wire, 100);
        assertThrows(java.io.EOFException.class, () -> new FrameReader(new ByteArrayInputStream(cut), 1000, true).read());
        assertNull(new FrameReader(new ByteArrayInputStream(new byte[0]), 1000, true).read());
    }

    @Test
    void aFrameThatOnlyDeclaresMegabytesCostsNoMegabytes() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            // A masked binary frame that declares 4 MiB (64-bit length), then 100 bytes of it, then silence.
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(0x82);
            f.write(0x80 | 127);
            long len = WebSocketConnection.DEFAULT_MAX_PAYLOAD;
            for (int i = 7; i >= 0; i--) {
                f.write((int) (len >>> (8 * i)));
            }
            f.write(KEY, 0, 4);
            f.write(new byte[100], 0, 100);
            client.getOutputStream().write(f.toByteArray());
            accepted.setSoTimeout(500);
            FrameReader r = new FrameReader(accepted.getInputStream(), WebSocketConnection.DEFAULT_MAX_PAYLOAD, true);
            long before = mx.getCurrentThreadAllocatedBytes();
            assertThrows(SocketTimeoutException.class, r::read);
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 1 << 20, allocated + " bytes allocated for a frame of which 100 bytes came");
        }
    }

    @Test
    void largePayloadsArriveWholeAcrossTheGrowingBuffer() throws Exception {
        for (int n : new int[] {FrameReader.FIRST_CHUNK - 1, FrameReader.FIRST_CHUNK, FrameReader.FIRST_CHUNK + 1, 300_001}) {
            byte[] p = payload(n);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FrameWriter.write(out, true, Frame.BINARY, p, 0, p.length, KEY);
            Frame got = new FrameReader(new OneByteAtATime(out.toByteArray()), 1 << 20, true).read();
            assertArrayEquals(p, got.payload(), n + " bytes");
        }
    }
}
