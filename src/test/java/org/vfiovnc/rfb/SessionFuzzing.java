package org.vfiovnc.rfb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.input.GuestClipboard;
import org.vfiovnc.input.GuestLink;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.input.PowerControl;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.transport.Connection;

/**
 * The harness behind the session fuzz tests, public so that fuzz tests of other layers (WebSocket
 * framing, the HTTP upgrade, VeNCrypt/TLS) can run a real {@link ClientSession} of a real server
 * over their layer: wrap a {@code MemoryConnection} holding the fuzz input in the layer under test
 * and pass it to {@link #runSession}. Call {@link #quiet()} / {@link #restore()} around the fuzz
 * test (from {@code @BeforeAll} / {@code @AfterAll}).
 */
public final class SessionFuzzing {
    private static final GuestClipboard DISCARDING_CLIPBOARD = new GuestClipboard() {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public void fromViewer(String text) {}

        @Override
        public void addListener(java.util.function.Consumer<String> listener) {}

        @Override
        public void removeListener(java.util.function.Consumer<String> listener) {}
    };
    /** Power actions that always succeed at once, so XVP is negotiated and its requests carried out while fuzzing. */
    private static final PowerControl ACCEPTING_POWER = new PowerControl() {
        @Override
        public boolean supports(Action a) {
            return true;
        }

        @Override
        public java.util.concurrent.CompletableFuture<Void> perform(Action a, String requester) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    };
    private static final RfbServer SERVER;
    private static final List<LogRecord> INTERNAL_ERRORS = new CopyOnWriteArrayList<>();
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

    /** Version 3.8, security None, shared: what a client sends before its first message. */
    public static final byte[] NONE_HANDSHAKE;

    static {
        RefreshLoop loop = new RefreshLoop(new DemoSource(96, 64, true), TestServer.fastPacing());
        try {
            loop.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // A guest clipboard that takes text and power for every viewer, so the Extended Clipboard and
        // XVP are negotiated and fuzzed too.
        SERVER = new RfbServer(RfbConfig.defaults(List.of(new NoneSecurity())).withMaxClients(4096)
                .withPower(PowerAccess.viewers()), loop,
                new GuestLink(NoInputSink.INSTANCE, ACCEPTING_POWER, DISCARDING_CLIPBOARD));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        b.write(1); // security None
        b.write(1); // shared
        NONE_HANDSHAKE = b.toByteArray();
    }

    private SessionFuzzing() {}

    /** Less logging while fuzzing: a connect and a disconnect line per input would slow it to a crawl. */
    public static synchronized void quiet() {
        oldLevel = RFB_LOG.getLevel();
        RFB_LOG.setLevel(Level.WARNING);
        RFB_LOG.addHandler(ERROR_COLLECTOR);
    }

    public static synchronized void restore() {
        RFB_LOG.removeHandler(ERROR_COLLECTOR);
        RFB_LOG.setLevel(oldLevel);
    }

    /** {@link #NONE_HANDSHAKE} followed by {@code messages}. */
    public static byte[] afterHandshake(byte[] messages) {
        byte[] all = new byte[NONE_HANDSHAKE.length + messages.length];
        System.arraycopy(NONE_HANDSHAKE, 0, all, 0, NONE_HANDSHAKE.length);
        System.arraycopy(messages, 0, all, NONE_HANDSHAKE.length, messages.length);
        return all;
    }

    /**
     * Runs a whole server session on {@code c} on the calling thread until the input ends or the
     * session closes it. Throws when the session ended with an internal error (any exception other
     * than a protocol or I/O error) or returned without closing the connection.
     */
    public static void runSession(Connection c, java.util.function.BooleanSupplier connectionClosed) {
        INTERNAL_ERRORS.clear();
        ClientSession s = SERVER.newSession(c);
        s.run();
        String why = s.closeReason();
        if (why == null || why.startsWith("internal error") || !INTERNAL_ERRORS.isEmpty()) {
            throw new IllegalStateException("session ended with " + why
                    + (INTERNAL_ERRORS.isEmpty() ? "" : ": " + INTERNAL_ERRORS.get(0).getMessage()),
                    INTERNAL_ERRORS.isEmpty() ? null : INTERNAL_ERRORS.get(0).getThrown());
        }
        if (!connectionClosed.getAsBoolean()) {
            throw new IllegalStateException("session returned without closing its connection");
        }
    }
}
