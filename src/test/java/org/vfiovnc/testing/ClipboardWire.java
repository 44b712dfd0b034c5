package org.vfiovnc.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A viewer's side of RFB cut text, for tests: classic and Extended Clipboard ClientCutText out,
 * ServerCutText in, and the zlib'd provide body (u32 size, UTF-8 text with CRLF and a NUL).
 */
public final class ClipboardWire {
    public static final int TEXT = 1;
    public static final int CAPS = 1 << 24;
    public static final int REQUEST = 1 << 25;
    public static final int PEEK = 1 << 26;
    public static final int NOTIFY = 1 << 27;
    public static final int PROVIDE = 1 << 28;
    public static final int EXTENDED_CLIPBOARD = 0xC0A1E5CE;

    private ClipboardWire() {}

    /** A ServerCutText: {@code flags} -1 for the classic kind, whose body is then the Latin-1 text. */
    public record Cut(int flags, byte[] body) {
        public String latin1() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    public static void classicCut(RawRfbClient c, byte[] latin1) throws IOException {
        c.out.write(new byte[] {6, 0, 0, 0});
        c.out.writeInt(latin1.length);
        c.out.write(latin1);
        c.out.flush();
    }

    public static void extendedCut(RawRfbClient c, int flags, byte[] body) throws IOException {
        c.out.write(new byte[] {6, 0, 0, 0});
        c.out.writeInt(-(4 + body.length));
        c.out.writeInt(flags);
        c.out.write(body);
        c.out.flush();
    }

    /** The next server message, which must be a ServerCutText, within {@code timeoutMs}. */
    public static Cut readCut(RawRfbClient c, int timeoutMs) throws IOException {
        c.socket.setSoTimeout(timeoutMs);
        int type = c.in.readUnsignedByte();
        if (type != 3) {
            throw new IOException("expected ServerCutText (3), got message type " + type);
        }
        c.in.skipNBytes(3);
        int len = c.in.readInt();
        if (len >= 0) {
            return new Cut(-1, c.in.readNBytes(len));
        }
        int flags = c.in.readInt();
        return new Cut(flags, c.in.readNBytes(-len - 4));
    }

    public static byte[] zlib(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** A provide body as a viewer makes it. */
    public static byte[] provideBody(String text) {
        byte[] utf8 = (text.replace("\n", "\r\n") + "\0").getBytes(StandardCharsets.UTF_8);
        return zlib(ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length).put(utf8).array());
    }

    /** The text of a provide body: its first format's bytes as UTF-8, with any terminating NUL. */
    public static String providedText(byte[] body) throws IOException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(body);
            byte[] out = new byte[1 << 20];
            int n = inf.inflate(out);
            int size = ByteBuffer.wrap(out).getInt();
            if (size != n - 4) {
                throw new IOException("provide of " + n + " bytes holds a text of " + size);
            }
            return new String(out, 4, size, StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IOException(e);
        } finally {
            inf.end();
        }
    }
}
