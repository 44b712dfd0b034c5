package org.vfiovnc.testing;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A deliberately minimal RFB client speaking raw bytes, for tests that must send what no real
 * viewer would (truncated, malformed, hostile input), misbehave (stall, send slowly, never read),
 * speak the protocol in bulk without a full viewer, or see server behaviour no packaged viewer
 * exposes (extension acknowledgements, fences, SetDesktopSize replies: {@link #read()} walks every
 * message when the client asked for Raw pixels in the server's default format).
 */
public final class RawRfbClient implements AutoCloseable {
    public final Socket socket;
    public final DataInputStream in;
    public final DataOutputStream out;
    /** Framebuffer size from ServerInit, after {@link #handshakeNone()}. */
    public int width;
    public int height;

    /** One message read from the server. */
    public record Message(int type, List<RectInfo> rects, int fenceFlags, byte[] payload) {}

    /** A rectangle header and its body (pseudo bodies and raw pixels as read). */
    public record RectInfo(int x, int y, int w, int h, int encoding, byte[] body) {}

    private RawRfbClient(Socket s) throws IOException {
        this.socket = s;
        this.in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
        this.out = new DataOutputStream(s.getOutputStream());
    }

    public RawRfbClient(int port) throws IOException {
        this(open(null, port, 10_000, 0));
    }

    private static Socket open(String localAddress, int port, int soTimeoutMs, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            // Before connecting: the TCP window scale is agreed in the handshake.
            s.setReceiveBufferSize(receiveBuffer);
        }
        if (localAddress != null) {
            s.bind(new InetSocketAddress(localAddress, 0));
        }
        s.setSoTimeout(soTimeoutMs);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /** Connects from {@code localAddress} (e.g. 127.0.0.2, another loopback address) to 127.0.0.1:port. */
    public static RawRfbClient connect(String localAddress, int port, int soTimeoutMs) throws IOException {
        return new RawRfbClient(open(localAddress, port, soTimeoutMs, 0));
    }

    /** Connects with a small receive buffer (bytes), so that a client that stops reading stalls the server soon. */
    public static RawRfbClient connectWithReceiveBuffer(int port, int receiveBuffer) throws IOException {
        return new RawRfbClient(open(null, port, 10_000, receiveBuffer));
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
        return clientInit();
    }

    /** Version 3.8, VncAuth with {@code password}, shared ClientInit; reads ServerInit. Throws when refused. */
    public RawRfbClient handshakeVncAuth(String password) throws IOException {
        version();
        int[] types = securityTypes(new String[1]);
        if (java.util.Arrays.stream(types).noneMatch(t -> t == 2)) {
            throw new IOException("server does not offer VncAuth");
        }
        out.write(2);
        out.flush();
        byte[] challenge = new byte[16];
        in.readFully(challenge);
        out.write(org.vfiovnc.rfb.security.VncPassword.of(password).expectedResponse(challenge));
        out.flush();
        if (in.readInt() != 0) {
            throw new IOException("security failed: " + readString());
        }
        return clientInit();
    }

    /**
     * Version 3.8, VeNCrypt Plain (user and password in the clear: the server must allow that),
     * shared ClientInit; reads ServerInit. Throws when the server refuses the credentials.
     */
    public RawRfbClient handshakePlain(String user, String password) throws IOException {
        version();
        int[] types = securityTypes(new String[1]);
        if (java.util.Arrays.stream(types).noneMatch(t -> t == 19)) {
            throw new IOException("server does not offer VeNCrypt");
        }
        out.write(19);
        out.write(new byte[] {0, 2});
        out.flush();
        in.skipNBytes(2); // the server's version
        if (in.readUnsignedByte() != 0) {
            throw new IOException("VeNCrypt 0.2 refused");
        }
        int n = in.readUnsignedByte();
        in.skipNBytes(4L * n);
        out.writeInt(256); // Plain
        writePlainCredentials(out, user, password);
        out.flush();
        if (in.readInt() != 0) {
            throw new IOException("security failed: " + readString());
        }
        return clientInit();
    }

    /** Shared ClientInit, then ServerInit into {@link #width}/{@link #height}. */
    private RawRfbClient clientInit() throws IOException {
        out.write(1);
        out.flush();
        width = in.readUnsignedShort();
        height = in.readUnsignedShort();
        in.skipNBytes(16);
        readString();
        return this;
    }

    /** An XVP client message: {@code code} 2 shutdown, 3 reboot, 4 reset. */
    public void xvp(int version, int code) throws IOException {
        out.write(new byte[] {(byte) 250, 0, (byte) version, (byte) code});
        out.flush();
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

    /** A full-screen FramebufferUpdateRequest (size from ServerInit). */
    public void requestUpdate(boolean incremental) throws IOException {
        requestUpdate(incremental, width, height);
    }

    public void setEncodings(int... encodings) throws IOException {
        out.write(2);
        out.write(0);
        out.writeShort(encodings.length);
        for (int e : encodings) {
            out.writeInt(e);
        }
        out.flush();
    }

    public void enableContinuousUpdates(boolean on) throws IOException {
        out.write(150);
        out.write(on ? 1 : 0);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(width);
        out.writeShort(height);
        out.flush();
    }

    public void fence(int flags, byte[] payload) throws IOException {
        out.write(248);
        out.write(new byte[3]);
        out.writeInt(flags);
        out.write(payload.length);
        out.write(payload);
        out.flush();
    }

    /** SetDesktopSize with one screen covering {@code w} x {@code h}. */
    public void setDesktopSize(int w, int h) throws IOException {
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

    /** QEMU extended key event: keysym and XT scancode. */
    public void qemuKey(boolean down, int keysym, int scancode) throws IOException {
        out.write(255);
        out.write(0);
        out.writeShort(down ? 1 : 0);
        out.writeInt(keysym);
        out.writeInt(scancode);
        out.flush();
    }

    /**
     * PointerEvent; buttons above bit 6 (back 7, forward 8) go as ExtendedMouseButtons: bit 7 of the
     * mask byte set and one more byte with the buttons from bit 7 up.
     */
    public void pointer(int buttons, int x, int y) throws IOException {
        out.write(5);
        out.write(buttons > 0x7f ? (buttons & 0x7f) | 0x80 : buttons);
        out.writeShort(x);
        out.writeShort(y);
        if (buttons > 0x7f) {
            out.write(buttons >> 7);
        }
        out.flush();
    }

    /** The update's ExtendedDesktopSize rectangle (x reason, y status), or null. */
    public static RectInfo desktopSize(Message m) {
        return m.rects().stream().filter(r -> r.encoding() == -308).findFirst().orElse(null);
    }

    /**
     * Asks for incremental updates until one carries ExtendedDesktopSize (at most {@code max}); returns
     * it. An update with two of them fails: a size and its answer must be one rectangle.
     */
    public RectInfo nextDesktopSize(int max) throws IOException {
        for (int i = 0; i < max; i++) {
            requestUpdate(true);
            Message m = readUntil(u -> u.type() == 0, 5);
            if (m.rects().stream().filter(r -> r.encoding() == -308).count() > 1) {
                throw new AssertionError("two ExtendedDesktopSize rectangles in one update: " + m.rects());
            }
            RectInfo r = desktopSize(m);
            if (r != null) {
                return r;
            }
        }
        throw new AssertionError("no ExtendedDesktopSize in " + max + " updates");
    }

    /**
     * Reads one server message: updates (Raw, Zlib undecoded, or pseudo rectangles), EndOfContinuousUpdates, a fence,
     * or XVP (payload: version and code).
     */
    public Message read() throws IOException {
        int type = in.readUnsignedByte();
        switch (type) {
            case 0:
                return new Message(0, readRects(), 0, null);
            case 150:
                return new Message(150, List.of(), 0, null);
            case 250: {
                in.skipNBytes(1);
                byte[] versionAndCode = new byte[2];
                in.readFully(versionAndCode);
                return new Message(250, List.of(), 0, versionAndCode);
            }
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

    private List<RectInfo> readRects() throws IOException {
        in.skipNBytes(1);
        int n = in.readUnsignedShort();
        List<RectInfo> rects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int x = in.readUnsignedShort();
            int y = in.readUnsignedShort();
            int w = in.readUnsignedShort();
            int h = in.readUnsignedShort();
            int e = in.readInt();
            // Zlib (6): its compressed length comes first; kept undecoded.
            byte[] body = new byte[e == 6 ? in.readInt() : bodyLength(e, w, h)];
            in.readFully(body);
            if (e == -314) {
                byte[] px = new byte[w * h * 4];
                in.readFully(px);
            }
            rects.add(new RectInfo(x, y, w, h, e, body));
            if (e == -224) {
                break; // LastRect
            }
        }
        return rects;
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
    public Message readUntil(Predicate<Message> match, int max) throws IOException {
        for (int i = 0; i < max; i++) {
            Message m = read();
            if (match.test(m)) {
                return m;
            }
        }
        throw new AssertionError("no matching message in " + max);
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

    /** VeNCrypt Plain's credentials: both lengths, then the user and the password (UTF-8). */
    public static void writePlainCredentials(DataOutputStream out, String user, String password) throws IOException {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        out.writeInt(u.length);
        out.writeInt(p.length);
        out.write(u);
        out.write(p);
    }
}
