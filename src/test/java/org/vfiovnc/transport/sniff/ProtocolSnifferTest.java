package org.vfiovnc.transport.sniff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vfiovnc.transport.tcp.TcpConnection;

/** Real sockets: what the sniffer decides, and that the bytes it read are read again. */
class ProtocolSnifferTest {

    private static ServerSocketChannel listen() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        return server;
    }

    private static int port(ServerSocketChannel server) throws IOException {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    private static Sniffed sniffAfterSending(byte[] first) throws IOException {
        try (ServerSocketChannel server = listen();
             Socket client = new Socket(InetAddress.getLoopbackAddress(), port(server))) {
            client.getOutputStream().write(first);
            client.getOutputStream().flush();
            TcpConnection c = new TcpConnection(server.accept());
            Sniffed s = new ProtocolSniffer(ProtocolSniffer.DEFAULT_WAIT_MS).sniff(c);
            client.shutdownOutput();
            byte[] all = s.connection().input().readAllBytes();
            assertArrayEquals(first, all, "the sniffed bytes are read again, then the rest");
            c.close();
            return s;
        }
    }

    @Test
    void recognisesHttpTlsAndRfb() throws IOException {
        assertEquals(Sniffed.Protocol.HTTP, sniffAfterSending("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).protocol());
        assertEquals(Sniffed.Protocol.TLS, sniffAfterSending(new byte[] {0x16, 3, 1, 0, 5}).protocol());
        assertEquals(Sniffed.Protocol.RFB, sniffAfterSending("GEX nonsense".getBytes(StandardCharsets.US_ASCII)).protocol());
        assertEquals(Sniffed.Protocol.RFB, sniffAfterSending("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII)).protocol());
    }

    @Test
    void aSilentClientIsRfbAfterTheWait() throws IOException {
        try (ServerSocketChannel server = listen();
             Socket client = new Socket(InetAddress.getLoopbackAddress(), port(server))) {
            TcpConnection c = new TcpConnection(server.accept());
            Sniffed s = new ProtocolSniffer(50).sniff(c);
            assertEquals(Sniffed.Protocol.RFB, s.protocol());
            assertEquals(0, s.consumed().length);
            client.getOutputStream().write('x');
            InputStream in = s.connection().input();
            assertEquals('x', in.read(), "the connection still reads after the timed-out wait");
            c.close();
        }
    }
}
