package org.vfiovnc.testing;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The smallest honest viewer: a socket, the None handshake, Raw encoding in the server's default
 * pixel format, incremental update requests in a loop and a decoded copy of the screen. Used in
 * numbers where a full viewer per connection would be too heavy.
 */
public final class RawViewer implements AutoCloseable {
    private final RawRfbClient c;
    private final Thread thread;
    private final AtomicLong updates = new AtomicLong();
    private volatile int width;
    private volatile int height;
    private volatile int[] screen;
    private volatile String error;

    private RawViewer(int port) throws IOException {
        c = RawRfbClient.connect(null, port, 30_000);
        c.handshakeNone();
        int[] size = {c.width, c.height};
        width = size[0];
        height = size[1];
        screen = new int[width * height];
        c.out.write(new byte[] {2, 0, 0, 1, 0, 0, 0, 0}); // SetEncodings: Raw only
        c.requestUpdate(false, width, height);
        thread = new Thread(this::run, "raw-viewer-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    public static RawViewer connect(int port) throws IOException {
        return new RawViewer(port);
    }

    private void run() {
        try {
            byte[] row = new byte[0];
            while (true) {
                int type = c.in.readUnsignedByte();
                if (type == 2) {
                    continue; // Bell
                }
                if (type == 3) {
                    c.in.skipNBytes(3);
                    c.in.skipNBytes(c.in.readInt());
                    continue;
                }
                if (type != 0) {
                    throw new IOException("unexpected server message " + type);
                }
                c.in.skipNBytes(1);
                int n = c.in.readUnsignedShort();
                int[] s = screen.clone();
                for (int i = 0; i < n; i++) {
                    int x = c.in.readUnsignedShort();
                    int y = c.in.readUnsignedShort();
                    int w = c.in.readUnsignedShort();
                    int h = c.in.readUnsignedShort();
                    int enc = c.in.readInt();
                    if (enc != 0) {
                        throw new IOException("encoding " + enc + " was not asked for");
                    }
                    if (row.length < w * 4) {
                        row = new byte[w * 4];
                    }
                    for (int yy = 0; yy < h; yy++) {
                        c.in.readFully(row, 0, w * 4);
                        for (int xx = 0; xx < w; xx++) {
                            // Server default: 32 bpp little-endian, red at bit 16: bytes B, G, R, X.
                            int o = xx * 4;
                            s[(y + yy) * width + x + xx] = (row[o + 2] & 0xff) << 16 | (row[o + 1] & 0xff) << 8 | (row[o] & 0xff);
                        }
                    }
                }
                screen = s;
                updates.incrementAndGet();
                c.requestUpdate(true, width, height);
            }
        } catch (IOException | RuntimeException e) {
            if (!c.socket.isClosed()) {
                error = e.toString();
            }
        }
    }

    public long updates() {
        return updates.get();
    }

    public int[] pixels() {
        return screen;
    }

    public int width() {
        return width;
    }

    /** Why it stopped, when the server stopped it (null while running or when closed by the test). */
    public String error() {
        return error;
    }

    public boolean running() {
        return thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        c.close();
        thread.join(5000);
    }
}
