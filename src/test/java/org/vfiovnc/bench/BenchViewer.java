package org.vfiovnc.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import org.vfiovnc.surface.Rect;

/**
 * A viewer for the benchmarks that takes continuous updates (as noVNC does: the server sends whatever
 * is due as fast as the connection takes it, not one update per request and round trip) and only walks
 * the bytes (Raw, CopyRect, Tight, H.264, size and LastRect pseudo-rectangles), counting what came:
 * bytes, updates, and the updates that carried pixels of a watched area ("frames" of a video there).
 * It decodes nothing, so its own cost stays small next to the server's; it runs on a thread named
 * "viewer-N" that the server's CPU accounting leaves out.
 */
final class BenchViewer implements AutoCloseable {
    private static final int CONTINUOUS_UPDATES = -313;
    private static final int END_OF_CONTINUOUS_UPDATES = 150;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final Rect watched;
    private final Thread thread;
    private final int width;
    private final int height;
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong updates = new AtomicLong();
    final AtomicLong frames = new AtomicLong();
    final AtomicLong h264Rects = new AtomicLong();
    private volatile String error;
    /** Keeps the watched area's H.264 rectangles when set ({@link VideoLatency}). */
    private volatile VideoLatency.Capture capture;
    private volatile boolean closing;

    BenchViewer(int port, int[] encodings, Rect watched, int n) throws IOException {
        this(port, encodings, watched, n, null);
    }

    /** With {@code capture} keeping the watched area's H.264 rectangles from the first update on. */
    BenchViewer(int port, int[] encodings, Rect watched, int n, VideoLatency.Capture capture) throws IOException {
        this.watched = watched;
        this.capture = capture;
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setReceiveBufferSize(1 << 20);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        out = new DataOutputStream(socket.getOutputStream());
        in.skipNBytes(12);
        out.write("RFB 003.008\n".getBytes());
        in.skipNBytes(in.readUnsignedByte());
        out.write(1);
        if (in.readInt() != 0) {
            throw new IOException("security None refused");
        }
        out.write(1);
        width = in.readUnsignedShort();
        height = in.readUnsignedShort();
        in.skipNBytes(16);
        in.skipNBytes(in.readInt());
        out.write(2);
        out.write(0);
        out.writeShort(encodings.length + 1);
        for (int e : encodings) {
            out.writeInt(e);
        }
        out.writeInt(CONTINUOUS_UPDATES);
        request(false);
        // EnableContinuousUpdates for the whole screen.
        out.write(150);
        out.write(1);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(width);
        out.writeShort(height);
        out.flush();
        thread = new Thread(this::run, "viewer-" + n);
        thread.setDaemon(true);
        thread.start();
    }

    private void request(boolean incremental) throws IOException {
        out.write(3);
        out.write(incremental ? 1 : 0);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(width);
        out.writeShort(height);
        out.flush();
    }

    private void run() {
        try {
            while (!closing) {
                int type = in.readUnsignedByte();
                if (type == END_OF_CONTINUOUS_UPDATES) {
                    continue;
                }
                if (type != 0) {
                    throw new IOException("server message " + type);
                }
                in.skipNBytes(1);
                int n = in.readUnsignedShort();
                long size = 4;
                boolean frame = false;
                for (int i = 0; i < n; i++) {
                    Rect r = new Rect(in.readUnsignedShort(), in.readUnsignedShort(), in.readUnsignedShort(),
                            in.readUnsignedShort());
                    int enc = in.readInt();
                    size += 12 + body(r, enc);
                    frame |= enc != 1 && enc >= 0 && r.intersects(watched);
                    if (enc == -224) {
                        break;
                    }
                }
                bytes.addAndGet(size);
                updates.incrementAndGet();
                if (frame) {
                    frames.incrementAndGet();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                error = e.toString();
            }
        }
    }

    /** Skips one rectangle's body; returns its length. */
    private long body(Rect r, int enc) throws IOException {
        switch (enc) {
            case 0: return skip((long) r.width() * r.height() * 4);
            case 1: return skip(4);
            case 7: return 1 + tight(r);
            case 50: {
                int len = in.readInt();
                in.readInt();
                h264Rects.incrementAndGet();
                VideoLatency.Capture c = capture;
                if (c != null && r.equals(watched)) {
                    byte[] data = in.readNBytes(len);
                    c.add(System.nanoTime(), data);
                    return 8 + len;
                }
                return 8 + skip(len & 0xffffffffL);
            }
            case -223: case -224: case -308: return enc == -308 ? skip(4 + 16) : 0;
            default: throw new IOException("encoding " + enc);
        }
    }

    /** The Tight body after its control byte, for 32-bit pixels (3-byte TPIXELs). */
    private long tight(Rect r) throws IOException {
        int control = in.readUnsignedByte();
        int type = control >> 4;
        if (type == 8) {
            return skip(3);
        }
        if (type == 9) {
            return compact();
        }
        long header = 0;
        int filter = 0;
        int colours = 0;
        if ((control & 0x40) != 0) {
            filter = in.readUnsignedByte();
            header++;
            if (filter == 1) {
                colours = in.readUnsignedByte() + 1;
                header += 1 + skip(3L * colours);
            }
        }
        long raw = filter == 1 ? (colours == 2 ? (long) (r.width() + 7) / 8 * r.height() : (long) r.width() * r.height())
                : 3L * r.width() * r.height();
        return header + (raw < 12 ? skip(raw) : compact());
    }

    private long compact() throws IOException {
        int b = in.readUnsignedByte();
        long len = b & 0x7f;
        int read = 1;
        if ((b & 0x80) != 0) {
            b = in.readUnsignedByte();
            len |= (long) (b & 0x7f) << 7;
            read++;
            if ((b & 0x80) != 0) {
                len |= (long) in.readUnsignedByte() << 14;
                read++;
            }
        }
        return read + skip(len);
    }

    private long skip(long n) throws IOException {
        in.skipNBytes(n);
        return n;
    }

    void capture(VideoLatency.Capture c) {
        capture = c;
    }

    String error() {
        return error;
    }

    @Override
    public void close() {
        closing = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
