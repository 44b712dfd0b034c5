package org.vfiovnc.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.surface.Rect;

/**
 * A byte-level viewer that lists H.264 (encoding 50) and keeps what it was sent: Raw rectangles land
 * in {@link #pixels} (server format), H.264 rectangles are kept whole ({@link #video}) and their area
 * in {@link #pixels} is marked {@link #VIDEO}, and per decoder context (x, y, w, h) the Annex-B
 * streams, a new one wherever the server reset the context, for an independent decoder to check.
 */
public final class VideoClient implements AutoCloseable {
    /** Not a 0x00RRGGBB pixel: where the last thing drawn was a video frame. */
    public static final int VIDEO = 0xff000000;
    private static final int H264 = 50;
    private static final int DESKTOP_SIZE = -223;
    private static final int LAST_RECT = -224;

    /** One H.264 rectangle: where, its flags, its Annex-B data, and the test's tag when it arrived. */
    public record VideoRect(Rect rect, int flags, byte[] data, int tag) {
        /** Access units (pictures) in the data: one slice each. */
        public int pictures() {
            int n = 0;
            for (int i = 0; i + 3 < data.length; i++) {
                if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                    int type = data[i + 3] & 0x1f;
                    n += type == 1 || type == 5 ? 1 : 0;
                    i += 3;
                }
            }
            return n;
        }
    }

    /** What one FramebufferUpdate carried. */
    public record Update(List<VideoRect> video, List<Rect> raw, boolean resized) {}

    private final RawRfbClient c;
    public int width;
    public int height;
    public int[] pixels;
    public final List<VideoRect> video = new ArrayList<>();
    /** Per context, its streams in order; a reset starts a new one. */
    public final Map<Rect, List<ByteArrayOutputStream>> streams = new LinkedHashMap<>();
    private final Map<Rect, Boolean> open = new LinkedHashMap<>();
    private int bytesPerPixel = 4;
    /** Tagged onto the video rectangles read from now on (e.g. the source frame shown). */
    public volatile int tag;

    private VideoClient(RawRfbClient c) {
        this.c = c;
        this.width = c.width;
        this.height = c.height;
        this.pixels = new int[width * height];
    }

    /** Connects (security None) and announces {@code encodings}. */
    public static VideoClient connect(int port, int... encodings) throws IOException {
        RawRfbClient c = RawRfbClient.connect(port).handshakeNone();
        VideoClient v = new VideoClient(c);
        c.out.write(2);
        c.out.write(0);
        c.out.writeShort(encodings.length);
        for (int e : encodings) {
            c.out.writeInt(e);
        }
        c.out.flush();
        return v;
    }

    public void setPixelFormat(PixelFormat f) throws IOException {
        c.out.write(0);
        c.out.write(new byte[3]);
        f.write(c.out);
        c.out.flush();
        bytesPerPixel = f.bytesPerPixel();
    }

    /** Asks for an update of the whole screen and reads it. */
    public Update next(boolean incremental) throws IOException {
        c.requestUpdate(incremental, width, height);
        return read();
    }

    /** Reads messages until a FramebufferUpdate, and applies it. */
    public Update read() throws IOException {
        while (true) {
            int type = c.in.readUnsignedByte();
            if (type == 0) {
                return update();
            }
            if (type == 1) { // SetColourMapEntries
                c.in.skipNBytes(3);
                c.in.skipNBytes(6L * c.in.readUnsignedShort());
            } else if (type == 2) { // Bell
                continue;
            } else {
                throw new IOException("unexpected server message " + type);
            }
        }
    }

    private Update update() throws IOException {
        c.in.skipNBytes(1);
        int n = c.in.readUnsignedShort();
        List<VideoRect> vids = new ArrayList<>();
        List<Rect> raws = new ArrayList<>();
        boolean resized = false;
        for (int i = 0; i < n; i++) {
            Rect r = new Rect(c.in.readUnsignedShort(), c.in.readUnsignedShort(), c.in.readUnsignedShort(),
                    c.in.readUnsignedShort());
            int enc = c.in.readInt();
            switch (enc) {
                case 0 -> {
                    raw(r);
                    raws.add(r);
                }
                case H264 -> vids.add(h264(r));
                case DESKTOP_SIZE -> {
                    width = r.width();
                    height = r.height();
                    pixels = new int[width * height];
                    resized = true;
                }
                case LAST_RECT -> i = n;
                default -> throw new IOException("unexpected encoding " + enc + " for " + r);
            }
        }
        return new Update(vids, raws, resized);
    }

    private void raw(Rect r) throws IOException {
        byte[] b = new byte[r.width() * r.height() * bytesPerPixel];
        c.in.readFully(b);
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                int o = (y * r.width() + x) * bytesPerPixel;
                int v = bytesPerPixel == 4 ? (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 : -1;
                pixels[(r.y() + y) * width + r.x() + x] = v;
            }
        }
    }

    private VideoRect h264(Rect r) throws IOException {
        int length = c.in.readInt();
        int flags = c.in.readInt();
        byte[] data = new byte[length];
        c.in.readFully(data);
        if ((flags & 2) != 0) {
            open.clear();
        }
        if ((flags & 1) != 0) {
            open.remove(r);
        }
        List<ByteArrayOutputStream> list = streams.computeIfAbsent(r, k -> new ArrayList<>());
        if (!open.containsKey(r)) {
            list.add(new ByteArrayOutputStream());
            open.put(r, true);
        }
        list.get(list.size() - 1).writeBytes(data);
        for (int y = r.y(); y < r.bottom(); y++) {
            java.util.Arrays.fill(pixels, y * width + r.x(), y * width + r.right(), VIDEO);
        }
        VideoRect v = new VideoRect(r, flags, data, tag);
        video.add(v);
        return v;
    }

    /** Reads updates (requesting each) until none arrives for {@code quietMs}; returns how many came. */
    public int drain(int quietMs) throws IOException {
        int count = 0;
        c.socket.setSoTimeout(quietMs);
        try {
            while (true) {
                next(true);
                count++;
            }
        } catch (java.net.SocketTimeoutException e) {
            return count;
        } finally {
            c.socket.setSoTimeout(10_000);
        }
    }

    @Override
    public void close() {
        c.close();
    }
}
