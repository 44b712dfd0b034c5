package org.vfiovnc.rfb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.surface.Rect;
import org.vfiovnc.testing.MemoryConnection;

/**
 * Fuzzes every client message after the handshake, twice: through {@link ClientMessageReader}
 * alone (fast, every parse path), and through a real {@link ClientSession} of a real server fed
 * from an in-memory connection (parse, state changes, update encoding). A session must end with a
 * protocol error or the end of input, never an internal error.
 */
class ClientSessionFuzzTest {

    @BeforeAll
    static void quiet() {
        SessionFuzzing.quiet();
    }

    @AfterAll
    static void restore() {
        SessionFuzzing.restore();
    }

    @FuzzTest
    void messages(byte[] afterHandshake) {
        MemoryConnection c = new MemoryConnection(SessionFuzzing.afterHandshake(afterHandshake));
        SessionFuzzing.runSession(c, c::closed);
    }

    @FuzzTest
    void reader(byte[] data) {
        ClientMessageReader r = new ClientMessageReader(new DataInputStream(new ByteArrayInputStream(data)),
                new ClientMessageHandler() {
                    @Override
                    public void setPixelFormat(PixelFormat format) {}

                    @Override
                    public void setEncodings(int[] encodings) {}

                    @Override
                    public void framebufferUpdateRequest(boolean incremental, Rect area) {}

                    @Override
                    public void keyEvent(boolean down, int keysym) {}

                    @Override
                    public void pointerEvent(int buttons, int x, int y) {}

                    @Override
                    public void clientCutText(byte[] text) {}

                    @Override
                    public void enableContinuousUpdates(boolean enable, Rect area) {}

                    @Override
                    public void clientFence(int flags, byte[] payload) {}

                    @Override
                    public void setDesktopSize(int width, int height, List<Screen> screens) {}

                    @Override
                    public void qemuExtendedKeyEvent(boolean down, int keysym, int scancode) {}
                }, 1 << 16, 1 << 16);
        r.setExtendedMouseButtons(data.length > 0 && (data[0] & 0x80) != 0);
        r.setExtendedClipboard(data.length > 0 && (data[0] & 0x40) != 0);
        try {
            for (int i = 0; i < 10_000; i++) {
                r.readMessage();
            }
        } catch (IOException expected) {
            // protocol error or end of input
        }
    }
}
