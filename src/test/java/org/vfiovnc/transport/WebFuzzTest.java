package org.vfiovnc.transport;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.vfiovnc.rfb.SessionFuzzing;
import org.vfiovnc.testing.MemoryConnection;
import org.vfiovnc.transport.http.HttpRequest;
import org.vfiovnc.transport.http.HttpRequestReader;
import org.vfiovnc.transport.websocket.FrameReader;
import org.vfiovnc.transport.websocket.WebSocketConnection;
import org.vfiovnc.transport.websocket.WebSocketHandshake;

/**
 * Fuzzes what a browser-side client sends: the HTTP request head and the WebSocket upgrade, WebSocket
 * frames, and a whole RFB session carried in WebSocket frames into a real server session. Only
 * IOExceptions (bad request, bad frame, protocol error, end of input) are acceptable.
 * Regression inputs: src/test/resources/org/vfiovnc/transport/WebFuzzTestInputs/.
 */
class WebFuzzTest {

    @BeforeAll
    static void quiet() {
        SessionFuzzing.quiet();
    }

    @AfterAll
    static void restore() {
        SessionFuzzing.restore();
    }

    @FuzzTest
    void httpUpgrade(byte[] data) {
        try {
            HttpRequest req = HttpRequestReader.read(new ByteArrayInputStream(data));
            if (req != null && WebSocketHandshake.isUpgrade(req)) {
                WebSocketHandshake.respond(req);
            }
        } catch (IOException expected) {
            // bad request: answered with 400 and closed
        }
    }

    @FuzzTest
    void frames(byte[] data) {
        FrameReader r = new FrameReader(new ByteArrayInputStream(data), 1 << 16, true);
        try {
            for (int i = 0; i < 10_000 && r.read() != null; i++) {
                // read until the end or a bad frame
            }
        } catch (IOException expected) {
            // bad frame: the connection is closed
        }
    }

    @FuzzTest
    void rfbOverWebSocket(byte[] frames) throws IOException {
        MemoryConnection memory = new MemoryConnection(frames);
        SessionFuzzing.runSession(new WebSocketConnection(memory, 1 << 16), memory::closed);
    }
}
