package org.vfiovnc.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately minimal RFB client speaking raw bytes, for tests that must send what no real
 * viewer would (truncated, malformed, hostile input).
 */
public final class RawRfbClient implements AutoCloseable {
    public final Socket socket;
    public final DataInputStream in;
    public final DataOutputStream out;
    public int width;
    public int height;

    public RawRfbClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    public String readVersion() throws IOException {
        byte[] v = new byte[12];
        in.readFully(v);
        return new String(v, StandardCharsets.US_ASCII);
    }

    /** Version 3.8, security None, shared ClientInit; reads ServerInit. */
    public RawRfbClient handshakeNone() throws IOException {
        readVersion();
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        int n = in.readUnsignedByte();
        boolean none = false;
        for (int i = 0; i < n; i++) {
            none |= in.readUnsignedByte() == 1;
        }
        if (!none) {
            throw new IOException("server does not offer None");
        }
        out.write(1);
        if (in.readInt() != 0) {
            throw new IOException("security failed");
        }
        out.write(1);
        width = in.readUnsignedShort();
        height = in.readUnsignedShort();
        in.skipNBytes(16);
        int nameLen = in.readInt();
        in.skipNBytes(nameLen);
        return this;
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
    public void close() throws IOException {
        socket.close();
    }
}
