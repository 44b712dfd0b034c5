package org.vfiovnc.transport.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one request head from a stream, byte by byte so that nothing past the blank line is
 * consumed (a WebSocket's first frame may follow at once). The head is limited to
 * {@link #MAX_HEAD_BYTES}; anything malformed throws {@link BadRequestException}.
 */
public final class HttpRequestReader {
    /** Largest request head accepted (browsers send well under 2 KiB). */
    public static final int MAX_HEAD_BYTES = 8 * 1024;
    private static final int MAX_HEADERS = 100;

    private HttpRequestReader() {}

    public static HttpRequest read(InputStream in) throws IOException {
        byte[] buf = new byte[MAX_HEAD_BYTES];
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new BadRequestException("connection closed inside the request head");
            }
            if (n == buf.length) {
                throw new BadRequestException("request head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            buf[n++] = (byte) b;
            if (n >= 4 && buf[n - 4] == '\r' && buf[n - 3] == '\n' && buf[n - 2] == '\r' && buf[n - 1] == '\n') {
                break;
            }
        }
        return parse(new String(buf, 0, n - 4, StandardCharsets.ISO_8859_1));
    }

    static HttpRequest parse(String head) throws BadRequestException {
        String[] lines = head.split("\r\n", -1);
        String[] start = lines[0].split(" ", -1);
        if (start.length != 3 || start[0].isEmpty() || start[1].isEmpty() || !start[2].matches("HTTP/1\\.[01]")) {
            throw new BadRequestException("bad request line");
        }
        for (char ch : start[0].toCharArray()) {
            if (ch < 'A' || ch > 'Z') {
                throw new BadRequestException("bad method");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (lines.length - 1 > MAX_HEADERS) {
            throw new BadRequestException("more than " + MAX_HEADERS + " header lines");
        }
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new BadRequestException("bad header line");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!name.matches("[a-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new BadRequestException("bad header name");
            }
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return new HttpRequest(start[0], start[1], start[2], headers);
    }
}
