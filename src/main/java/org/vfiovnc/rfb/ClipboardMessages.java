package org.vfiovnc.rfb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.protocol.ProtocolException;

/**
 * The clipboard's messages on the wire: the classic ServerCutText (Latin-1, LF line ends) and the
 * Extended Clipboard (pseudo-encoding 0xC0A1E5CE), whose Server/ClientCutText has a negative length
 * and a flags word: actions in bits 24..28, formats in bits 0..15, only text (bit 0) used here.
 * A provide carries one zlib stream holding, per format in bit order, a u32 size and the data; text
 * is UTF-8 with CRLF line ends and a terminating NUL. No policy; malformed input is a
 * {@link ProtocolException}, and inflating stops at the caller's limit.
 */
final class ClipboardMessages {
    static final int TEXT = 1;
    static final int CAPS = 1 << 24;
    static final int REQUEST = 1 << 25;
    static final int PEEK = 1 << 26;
    static final int NOTIFY = 1 << 27;
    static final int PROVIDE = 1 << 28;
    static final int ACTIONS = CAPS | REQUEST | PEEK | NOTIFY | PROVIDE;
    static final int FORMATS = 0xffff;

    private ClipboardMessages() {}

    /** Classic ServerCutText: characters outside Latin-1 become '?', line ends LF. */
    static byte[] classic(String text) {
        byte[] latin1 = lf(text).getBytes(StandardCharsets.ISO_8859_1);
        OutBuffer b = new OutBuffer(8 + latin1.length);
        ServerMessageWriter.serverCutText(b, latin1);
        return b.toByteArray();
    }

    /** What a classic ClientCutText holds, line ends made LF. */
    static String fromLatin1(byte[] latin1) {
        return lf(new String(latin1, StandardCharsets.ISO_8859_1));
    }

    /** Our capabilities: every action, text only, taking unsolicited text up to {@code textMax} bytes. */
    static byte[] caps(int textMax) {
        return extended(ACTIONS | TEXT, new OutBuffer(4).u32(textMax).toByteArray());
    }

    /** Tells the viewer the guest's clipboard holds text ({@code text}) or nothing. */
    static byte[] notify(boolean text) {
        return extended(NOTIFY | (text ? TEXT : 0), new byte[0]);
    }

    /** Asks the viewer for its text. */
    static byte[] request() {
        return extended(REQUEST | TEXT, new byte[0]);
    }

    /** Hands the viewer {@code text}. */
    static byte[] provide(String text) {
        byte[] utf8 = (lf(text).replace("\n", "\r\n") + "\0").getBytes(StandardCharsets.UTF_8);
        Deflater d = new Deflater();
        try {
            d.setInput(new OutBuffer(4 + utf8.length).u32(utf8.length).bytes(utf8).toByteArray());
            d.finish();
            ByteArrayOutputStream z = new ByteArrayOutputStream(64 + utf8.length / 2);
            byte[] chunk = new byte[8192];
            while (!d.finished()) {
                z.write(chunk, 0, d.deflate(chunk));
            }
            return extended(PROVIDE | TEXT, z.toByteArray());
        } finally {
            d.end();
        }
    }

    /** A ServerCutText with the extended format: negative length, flags, body. */
    private static byte[] extended(int flags, byte[] body) {
        OutBuffer b = new OutBuffer(12 + body.length);
        b.u8(ServerMessageWriter.SERVER_CUT_TEXT).u8(0).u8(0).u8(0).s32(-(4 + body.length)).u32(flags).bytes(body);
        return b.toByteArray();
    }

    /** The viewer's maximum unsolicited text size from its caps {@code body}, 0 when it lists no text. */
    static int capsTextMax(int flags, byte[] body) throws ProtocolException {
        int formats = flags & FORMATS;
        if (body.length < 4 * Integer.bitCount(formats)) {
            throw new ProtocolException("extended clipboard caps list " + Integer.bitCount(formats)
                    + " formats but carry " + body.length + " bytes of sizes");
        }
        // Text is bit 0, so its size comes first.
        return (formats & TEXT) == 0 ? 0 : ByteBuffer.wrap(body).getInt();
    }

    /**
     * The text in a provide's zlib stream {@code body}; other formats after it are not inflated.
     * Text over {@code limit} bytes, a stream that is corrupt or ends early, are protocol errors.
     */
    static String providedText(byte[] body, int limit) throws ProtocolException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(body);
            byte[] size = new byte[4];
            inflateFully(inf, size);
            int n = ByteBuffer.wrap(size).getInt();
            if (n < 0 || n > limit) {
                throw new ProtocolException("extended clipboard text of " + Integer.toUnsignedString(n)
                        + " bytes exceeds the limit of " + limit);
            }
            byte[] utf8 = new byte[n];
            inflateFully(inf, utf8);
            return lf(untilNul(decodeUtf8(utf8)));
        } catch (DataFormatException e) {
            throw new ProtocolException("extended clipboard provide: corrupt zlib data (" + e.getMessage() + ")");
        } finally {
            inf.end();
        }
    }

    private static void inflateFully(Inflater inf, byte[] out) throws DataFormatException, ProtocolException {
        int got = 0;
        while (got < out.length) {
            int n = inf.inflate(out, got, out.length - got);
            got += n;
            if (n == 0) {
                // Input used up, stream finished, or a preset dictionary wanted: no more output is coming.
                throw new ProtocolException("extended clipboard provide: zlib data ends after "
                        + inf.getBytesWritten() + " bytes, inside its text");
            }
        }
    }

    /** Malformed UTF-8 becomes U+FFFD: harmless, and a viewer's odd bytes should not cost it its session. */
    private static String decodeUtf8(byte[] utf8) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder threw", e);
        }
    }

    private static String untilNul(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private static String lf(String s) {
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
    }
}
