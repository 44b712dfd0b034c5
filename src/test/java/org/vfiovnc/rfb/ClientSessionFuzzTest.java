package org.vfiovnc.rfb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.vfiovnc.damage.RefreshLoop;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.surface.Rect;
import org.vfiovnc.testing.MemoryConnection;
import org.vfiovnc.testing.TestServer;

/**
 * Fuzzes every client message after the handshake, twice: through {@link ClientMessageReader}
 * alone (fast, every parse path), and through a real {@link ClientSession} of a real server fed
 * from an in-memory connection (parse, state changes, update encoding). A session must end with a
 * protocol error or the end of input, never an internal error.
 */
class ClientSessionFuzzTest {
    private static final RfbServer SERVER;
    private static final List<LogRecord> INTERNAL_ERRORS = new CopyOnWriteArrayList<>();

    static {
        RefreshLoop loop = new RefreshLoop(new DemoSource(96, 64, true), TestServer.fastPacing());
        try {
            loop.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        SERVER = new RfbServer(RfbConfig.defaults(List.of(new NoneSecurity())).withMaxClients(4096), loop,
                NoInputSink.INSTANCE);
    }

    private static final Logger RFB_LOG = Logger.getLogger("org.vfiovnc.rfb");
    private static final Handler ERROR_COLLECTOR = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getThrown() != null && r.getLevel().intValue() >= Level.WARNING.intValue()) {
                INTERNAL_ERRORS.add(r);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private static Level oldLevel;

    @BeforeAll
    static void quiet() {
        // A connect and a disconnect line per input would slow fuzzing to a crawl; warnings still count.
        oldLevel = RFB_LOG.getLevel();
        RFB_LOG.setLevel(Level.WARNING);
        RFB_LOG.addHandler(ERROR_COLLECTOR);
    }

    @AfterAll
    static void restore() {
        RFB_LOG.removeHandler(ERROR_COLLECTOR);
        RFB_LOG.setLevel(oldLevel);
    }

    private static final byte[] HANDSHAKE;

    static {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        b.write(1); // security None
        b.write(1); // shared
        HANDSHAKE = b.toByteArray();
    }

    @FuzzTest
    void messages(byte[] afterHandshake) {
        byte[] all = new byte[HANDSHAKE.length + afterHandshake.length];
        System.arraycopy(HANDSHAKE, 0, all, 0, HANDSHAKE.length);
        System.arraycopy(afterHandshake, 0, all, HANDSHAKE.length, afterHandshake.length);
        MemoryConnection c = new MemoryConnection(all);
        INTERNAL_ERRORS.clear();
        ClientSession s = new ClientSession(SERVER, c);
        s.run();
        String why = s.closeReason();
        if (why == null || why.startsWith("internal error") || !INTERNAL_ERRORS.isEmpty()) {
            throw new IllegalStateException("session ended with " + why
                    + (INTERNAL_ERRORS.isEmpty() ? "" : ": " + INTERNAL_ERRORS.get(0).getMessage()),
                    INTERNAL_ERRORS.isEmpty() ? null : INTERNAL_ERRORS.get(0).getThrown());
        }
        if (!c.closed()) {
            throw new IllegalStateException("session returned without closing its connection");
        }
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
        try {
            for (int i = 0; i < 10_000; i++) {
                r.readMessage();
            }
        } catch (IOException expected) {
            // protocol error or end of input
        }
    }
}
