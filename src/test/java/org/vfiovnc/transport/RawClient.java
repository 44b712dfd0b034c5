package org.vfiovnc.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A bare socket client that sends bytes and reads what comes back until the server closes. */
public final class RawClient {
    private RawClient() {}

    /** Sends {@code request}, returns everything the server sent before closing (or 5 s of silence). */
    public static String exchange(int port, byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            return readAll(s.getInputStream());
        }
    }

    public static String get(int port, String target) throws IOException {
        return exchange(port, ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    public static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        try {
            int n;
            while ((n = in.read(b)) > 0) {
                out.write(b, 0, n);
            }
        } catch (SocketTimeoutException e) {
            out.writeBytes("<still open after 5 s>".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // a reset after the answer still counts as closed
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    public static int status(String response) {
        if (!response.startsWith("HTTP/1.1 ")) {
            return -1;
        }
        return Integer.parseInt(response.substring(9, 12));
    }
}
