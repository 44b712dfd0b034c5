package org.vfiovnc.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpRequestReaderTest {
    private static HttpRequest read(String s) throws IOException {
        return HttpRequestReader.read(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void parsesAndStopsAtTheBlankLine() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(
                "GET /a?b HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nx-a: 2\r\n\r\nNEXT".getBytes(StandardCharsets.ISO_8859_1));
        HttpRequest r = HttpRequestReader.read(in);
        assertEquals("/a", r.path());
        assertEquals("1, 2", r.header("X-A"));
        assertEquals("NEXT", new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void refusesOversizedAndMalformedHeads() {
        assertThrows(BadRequestException.class, () -> read("GET / HTTP/1.1\r\nX: " + "a".repeat(9000) + "\r\n\r\n"));
        assertThrows(BadRequestException.class, () -> read("GET /\r\n\r\n"));
        assertThrows(BadRequestException.class, () -> read("GET / HTTP/2\r\n\r\n"));
        assertThrows(BadRequestException.class, () -> read("GET / HTTP/1.1\r\nno colon\r\n\r\n"));
        assertThrows(BadRequestException.class, () -> read("GET / HTTP/1.1\r\nHost: x"));
    }
}
