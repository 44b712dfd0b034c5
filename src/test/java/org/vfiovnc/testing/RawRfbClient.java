package org.vfiovnc.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal RFB 3.8 client on a plain socket, for tests that need to misbehave (stall, send slowly,
 * never read) or to speak the protocol in bulk without a full viewer.
 */
public final class RawRfbClient implements AutoCloseable {
    public final Socket socket;
    public final DataInputStream in;
    public final DataOutputStream out;

    private RawRfbClient(Socket s) throws IOException {
        this.socket = s;
        this.in = new DataInputStream(s.getInputStream());
        this.out = new DataOutputStream(s.getOutputStream());
    }

    /** Connects from {@code localAddress} (e.g. 127.0.0.2, another loopback address) to 127.0.0.1:port. */
    public static RawRfbClient connect(String localAddress, int port, int soTimeoutMs) throws IOException {
        Socket s = new Socket();
        if (localAddress != null) {
            s.bind(new InetSocketAddress(localAddress, 0));
        }
        s.setSoTimeout(soTimeoutMs);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return new RawRfbClient(s);
    }

    public static RawRfbClient connect(int port) throws IOException {
        return connect(null, port, 10_000);
    }

    /** Version exchange; returns the server's version string. */
    public String version() throws IOException {
        byte[] v = new byte[12];
        in.readFully(v);
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new String(v, StandardCharsets.US_ASCII);
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

    /** Handshake with security None up to ServerInit; returns {width, height}. */
    public int[] handshakeNone() throws IOException {
        version();
        int[] types = securityTypes(new String[1]);
        if (types.length == 0) {
            throw new IOException("refused");
        }
        out.write(1);
        out.flush();
        if (in.readInt() != 0) {
            throw new IOException("security failed: " + readString());
        }
        out.write(1); // shared
        out.flush();
        int w = in.readUnsignedShort();
        int h = in.readUnsignedShort();
        in.skipNBytes(16);
        readString();
        return new int[] {w, h};
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

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
