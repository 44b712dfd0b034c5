package org.vfiovnc.transport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP/1.1 response: status, headers and a body held in memory (the page's files are small). */
public record HttpResponse(int status, String reason, Map<String, String> headers, byte[] body) {

    public HttpResponse {
        headers = new LinkedHashMap<>(headers);
    }

    /** A short text/plain answer, e.g. for 400 and 404. */
    public static HttpResponse text(int status, String reason, String message) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "text/plain; charset=utf-8");
        return new HttpResponse(status, reason, h, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The status line and headers, then the body unless {@code headOnly}. */
    public byte[] toBytes(boolean headOnly) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        for (Map.Entry<String, String> e : headers.entrySet()) {
            sb.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        }
        if (status != 101) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
            sb.append("Connection: close\r\n");
        }
        sb.append("\r\n");
        out.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!headOnly) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    public void writeTo(OutputStream out, boolean headOnly) throws IOException {
        out.write(toBytes(headOnly));
        out.flush();
    }
}
