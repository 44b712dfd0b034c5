package org.vfiovnc.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vfiovnc.testing.MemoryConnection;
import org.vfiovnc.transport.tcp.TcpConnection;

class WebSocketConnectionTest {
    private static final byte[] KEY = {1, 2, 3, 4};

    private static void frame(ByteArrayOutputStream w, boolean fin, int op, String text) throws IOException {
        byte[] p = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        FrameWriter.write(w, fin, op, p, 0, p.length, KEY);
    }

    @Test
    void fragmentsJoinPingsAreAnsweredAndCloseIsEchoed() throws IOException {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        frame(client, false, Frame.BINARY, "RFB ");
        frame(client, true, Frame.PING, "hi");
        frame(client, false, Frame.CONTINUATION, "003.");
        frame(client, true, Frame.CONTINUATION, "008\n");
        client.write(new byte[] {(byte) 0x88, (byte) 0x82, 1, 2, 3, 4, 0x03 ^ 1, (byte) (0xe8 ^ 2)});
        MemoryConnection m = new MemoryConnection(client.toByteArray()).oneBytePerRead();
        WebSocketConnection ws = new WebSocketConnection(m, 1000);
        assertEquals("RFB 003.008\n", new String(ws.input().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII));

        FrameReader server = new FrameReader(new ByteArrayInputStream(m.written()), 1000, false);
        Frame pong = server.read();
        assertEquals(Frame.PONG, pong.opcode());
        assertArrayEquals("hi".getBytes(java.nio.charset.StandardCharsets.US_ASCII), pong.payload());
        Frame close = server.read();
        assertEquals(Frame.CLOSE, close.opcode());
        assertEquals(1000, (close.payload()[0] & 0xff) << 8 | (close.payload()[1] & 0xff));
    }

    @Test
    void eachFlushIsOneBinaryMessage() throws IOException {
        MemoryConnection m = new MemoryConnection(new byte[0]).oneBytePerRead();
        WebSocketConnection ws = new WebSocketConnection(m, 1000);
        ws.output().write(new byte[70000]);
        ws.output().write(7);
        ws.output().flush();
        ws.output().flush();
        FrameReader server = new FrameReader(new ByteArrayInputStream(m.written()), 1 << 20, false);
        Frame f = server.read();
        assertEquals(Frame.BINARY, f.opcode());
        assertEquals(70001, f.payload().length);
        assertEquals(null, server.read());
    }

    @Test
    void continuationWithoutAMessageIsAProtocolError() throws IOException {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        frame(client, true, Frame.CONTINUATION, "x");
        WebSocketConnection ws = new WebSocketConnection(new MemoryConnection(client.toByteArray()).oneBytePerRead(), 1000);
        assertThrows(WebSocketException.class, () -> ws.input().read());
    }

    /** A peer that stops reading leaves our write blocked; closing must still end it, and promptly. */
    @Test
    void closeEndsAWriteBlockedOnAPeerThatDoesNotRead() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open();
             Socket peer = new Socket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            peer.setReceiveBufferSize(4096);
            peer.connect(listener.getLocalAddress());
            WebSocketConnection ws = new WebSocketConnection(new TcpConnection(listener.accept()), 1000);
            CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> {
                try {
                    ws.output().write(new byte[64 << 20]);
                    ws.output().flush();
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            Thread.sleep(300);
            assertTrue(!writer.isDone(), "the write should be blocked on the full socket");
            long start = System.nanoTime();
            CompletableFuture.runAsync(ws::close).get(5, TimeUnit.SECONDS);
            long closeMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(closeMs < 3000, "close took " + closeMs + " ms");
            assertTrue(writer.get(5, TimeUnit.SECONDS) instanceof IOException, "the blocked write fails once closed");
        }
    }
}
