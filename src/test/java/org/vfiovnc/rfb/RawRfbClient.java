package org.vfiovnc.rfb;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte-level RFB 3.8 client for protocol tests of server behaviour that no packaged viewer exposes
 * (extension acknowledgements, fences, SetDesktopSize replies). It asks for Raw pixels in the server's
 * default format so that it can walk every message.
 */
final class RawRfbClient implements AutoCloseable {
    final Socket socket;
    final DataInputStream in;
    final DataOutputStream out;
    int width;
    int height;

    /** One message read from the server. */
    record Message(int type, List<RectInfo> rects, int fenceFlags, byte[] payload) {}

    /** A rectangle header and its body (pseudo bodies and raw pixels as read). */
    record RectInfo(int x, int y, int w, int h, int encoding, byte[] body) {}

    RawRfbClient(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = new DataOutputStream(socket.getOutputStream());
        byte[] version = new byte[12];
        in.readFully(version);
        out.write("RFB 003.008\n".getBytes());
        int n = in.readUnsignedByte();
        byte[] types = new byte[n];
        in.readFully(types);
        out.write(1);
        if (in.readInt() != 0) {
            throw new IOException("security failed");
        }
        out.write(1); // shared
        width = in.readUnsignedShort();
        height = in.readUnsignedShort();
        in.skipNBytes(16);
        in.skipNBytes(in.readInt());
    }

    void setEncodings(int... encodings) throws IOException {
        out.write(2);
        out.write(0);
        out.writeShort(encodings.length);
        for (int e : encodings) {
            out.writeInt(e);
        }
        out.flush();
    }

    void requestUpdate(boolean incremental) throws IOException {
        out.write(3);
        out.write(incremental ? 1 : 0);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(width);
        out.writeShort(height);
        out.flush();
    }

    void enableContinuousUpdates(boolean on) throws IOException {
        out.write(150);
        out.write(on ? 1 : 0);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(width);
        out.writeShort(height);
        out.flush();
    }

    void fence(int flags, byte[] payload) throws IOException {
        out.write(248);
        out.write(new byte[3]);
        out.writeInt(flags);
        out.write(payload.length);
        out.write(payload);
        out.flush();
    }

    void setDesktopSize(int w, int h) throws IOException {
        out.write(251);
        out.write(0);
        out.writeShort(w);
        out.writeShort(h);
        out.write(1);
        out.write(0);
        out.writeInt(0);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(w);
        out.writeShort(h);
        out.writeInt(0);
        out.flush();
    }

    void qemuKey(boolean down, int keysym, int scancode) throws IOException {
        out.write(255);
        out.write(0);
        out.writeShort(down ? 1 : 0);
        out.writeInt(keysym);
        out.writeInt(scancode);
        out.flush();
    }

    Message read() throws IOException {
        int type = in.readUnsignedByte();
        switch (type) {
            case 0: {
                in.skipNBytes(1);
                int n = in.readUnsignedShort();
                List<RectInfo> rects = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int x = in.readUnsignedShort();
                    int y = in.readUnsignedShort();
                    int w = in.readUnsignedShort();
                    int h = in.readUnsignedShort();
                    int e = in.readInt();
                    byte[] body = new byte[bodyLength(e, w, h)];
                    in.readFully(body);
                    if (e == -314) {
                        byte[] px = new byte[w * h * 4];
                        in.readFully(px);
                    }
                    rects.add(new RectInfo(x, y, w, h, e, body));
                    if (e == -224) {
                        break;
                    }
                }
                return new Message(0, rects, 0, null);
            }
            case 150:
                return new Message(150, List.of(), 0, null);
            case 248: {
                in.skipNBytes(3);
                int flags = in.readInt();
                byte[] payload = new byte[in.readUnsignedByte()];
                in.readFully(payload);
                return new Message(248, List.of(), flags, payload);
            }
            default:
                throw new IOException("unexpected server message " + type);
        }
    }

    private static int bodyLength(int e, int w, int h) throws IOException {
        switch (e) {
            case 0: return w * h * 4;
            case -308: return 4 + 16;
            case -261: return 1;
            case -314: return 4;
            case -239: return w * h * 4 + (w + 7) / 8 * h;
            case -223: case -224: case -257: case -258: case -316: return 0;
            default: throw new IOException("test client cannot read encoding " + e);
        }
    }

    /** Reads messages until one matches, failing after {@code max} messages. */
    Message readUntil(java.util.function.Predicate<Message> match, int max) throws IOException {
        for (int i = 0; i < max; i++) {
            Message m = read();
            if (match.test(m)) {
                return m;
            }
        }
        throw new AssertionError("no matching message in " + max);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
