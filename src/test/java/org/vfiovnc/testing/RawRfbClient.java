package org.vfiovnc.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately minimal RFB client speaking raw bytes, for tests that must send what no real
 * viewer would (truncated, malformed, hostile input), misbehave (stall, send slowly, never read)
 * or speak the protocol in bulk without a full viewer.
 */
public final class RawRfbClient implements AutoCloseable {
    public final Socket socket;
    public final DataInputStream in;
    public final DataOutputStream out;
    /** Framebuffer size from ServerInit, after {@link #handshakeNone()}. */
    public int width;
    public int height;

    private RawRfbClient(Socket s) throws IOException {
        this.socket = s;
        this.in = new DataInputStream(s.getInputStream());
        this.out = new DataOutputStream(s.getOutputStream());
    }

    public RawRfbClient(int port) throws IOException {
        this(open(null, port, 10_000));
    }

    private static Socket open(String localAddress, int port, int soTimeoutMs) throws IOException {
        Socket s = new Socket();
        if (localAddress != null) {
            s.bind(new InetSocketAddress(localAddress, 0));
        }
        s.setSoTimeout(soTimeoutMs);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /** Connects from {@code localAddress} (e.g. 127.0.0.2, another loopback address) to 127.0.0.1:port. */
    public static RawRfbClient connect(String localAddress, int port, int soTimeoutMs) throws IOException {
        return new RawRfbClient(open(localAddress, port, soTimeoutMs));
    }

    public static RawRfbClient connect(int port) throws IOException {
        return connect(null, port, 10_000);
    }

    /** Reads the server's version string without answering. */
    public String readVersion() throws IOException {
        byte[] v = new byte[12];
        in.readFully(v);
        return new String(v, StandardCharsets.US_ASCII);
    }

    /** Version exchange (answers 3.8); returns the server's version string. */
    public String version() throws IOException {
        String v = readVersion();
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return v;
    }

    /** Reads the security-type list; an empty list is returned with the reason read into {@code reason[0]}. */
    public int[] securityTypes(String[] reason) throws IOException {
        int n = in.readUnsignedByte();
        if (n == 0) {
            reason[0] = readString();
            return new int[0];
        }
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = in.readUnsignedByte();
        }
        return t;
    }

    public String readString() throws IOException {
        int len = in.readInt();
        if (len < 0 || len > 1 << 16) {
            throw new IOException("implausible string length " + len);
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Version 3.8, security None, shared ClientInit; reads ServerInit into {@link #width}/{@link #height}. */
    public RawRfbClient handshakeNone() throws IOException {
        version();
        int[] types = securityTypes(new String[1]);
        boolean none = false;
        for (int t : types) {
            none |= t == 1;
        }
        if (!none) {
            throw new IOException("server does not offer None");
        }
        out.write(1);
        out.flush();
        if (in.readInt() != 0) {
            throw new IOException("security failed: " + readString());
        }
        out.write(1);
        out.flush();
        width = in.readUnsignedShort();
        height = in.readUnsignedShort();
        in.skipNBytes(16);
        readString();
        return this;
    }

    public void requestUpdate(boolean incremental, int w, int h) throws IOException {
        out.write(3);
        out.write(incremental ? 1 : 0);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(w);
        out.writeShort(h);
        out.flush();
    }

    /**
     * True when the server closed the connection within {@code millis} (EOF or reset), draining
     * whatever it sent before.
     */
    public boolean closedByServerWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        long deadline = System.currentTimeMillis() + millis;
        byte[] sink = new byte[65536];
        try {
            while (System.currentTimeMillis() < deadline) {
                if (in.read(sink) < 0) {
                    return true;
                }
            }
            return false;
        } catch (EOFException | SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
