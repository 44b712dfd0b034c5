package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.security.VncAuthSecurity;
import org.vfiovnc.rfb.security.VncPassword;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.WatchingViewer;

/**
 * 1000 wrong passwords from 127.0.0.2 are throttled and then blocked, while a viewer with the right
 * password from 127.0.0.1 still gets in; the password never shows up in the log.
 */
class ThrottlingTest {
    private static final String PASSWORD = "s3cr3tPw";

    enum Outcome { WRONG_PASSWORD, BLOCKED, ACCEPTED, DROPPED }

    @Test
    void guessingIsThrottledPerAddressAndPasswordsAreNeverLogged() throws Exception {
        try (LogCapture log = new LogCapture();
             VncServer server = TestServer.start(new DemoSource(320, 200, false),
                     RfbConfig.defaults(List.of(new VncAuthSecurity(VncPassword.of(PASSWORD)))), NoInputSink.INSTANCE)) {
            int wrong = 0;
            int blocked = 0;
            String reason = null;
            long t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                Outcome o = attempt(server.port(), "127.0.0.2", "guess" + i, null);
                if (o == Outcome.WRONG_PASSWORD) {
                    wrong++;
                } else if (o == Outcome.BLOCKED) {
                    blocked++;
                } else {
                    throw new AssertionError("attempt " + i + ": " + o);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            // The block lasts 10 s and doubles: within that time only the first 5 guesses are even checked.
            assertTrue(seconds < 10 ? wrong == 5 : wrong <= 5 + (int) (seconds / 10) + 1,
                    wrong + " guesses checked in " + seconds + " s");
            assertEquals(1000 - wrong, blocked);

            String[] why = new String[1];
            assertEquals(Outcome.BLOCKED, attempt(server.port(), "127.0.0.2", PASSWORD, why),
                    "even the right password is turned away from a blocked address");
            assertTrue(why[0].contains("too many authentication failures"), why[0]);

            assertEquals(Outcome.ACCEPTED, attempt(server.port(), "127.0.0.1", PASSWORD, null),
                    "another address is not affected");
            try (WatchingViewer v = WatchingViewer.connect(server.port(), PASSWORD)) {
                assertTrue(v.awaitUpdates(3, 10_000), "a real viewer with the password gets in: " + v.errors());
            }

            for (LogRecord r : log.records()) {
                assertFalse(LogCapture.text(r).contains(PASSWORD), "password in log: " + LogCapture.text(r));
            }
            assertTrue(log.records().size() < 100, "a guesser cannot flood the log: " + log.records().size() + " records");
        }
    }

    @Test
    void loginsStalledAfterTheChallengeFromOneAddressDoNotKeepOthersOut() throws Exception {
        try (VncServer server = TestServer.start(new DemoSource(320, 200, false),
                RfbConfig.defaults(List.of(new VncAuthSecurity(VncPassword.of(PASSWORD)))), NoInputSink.INSTANCE)) {
            List<RawRfbClient> stalled = new java.util.ArrayList<>();
            try {
                // As many as the whole handshake limit: each stops after reading the VncAuth challenge.
                for (int i = 0; i < RfbLimits.defaults().maxPending(); i++) {
                    RawRfbClient c = RawRfbClient.connect("127.0.0.2", server.port(), 10_000);
                    stalled.add(c);
                    try {
                        c.version();
                        int[] types = c.securityTypes(new String[1]);
                        if (types.length == 0) {
                            continue; // refused beyond this address's share
                        }
                        c.out.write(2);
                        c.out.flush();
                        c.in.readFully(new byte[16]);
                    } catch (EOFException | SocketException refused) {
                        // closed beyond this address's share
                    }
                }
                assertTrue(server.rfb().pendingCount() >= RfbLimits.DEFAULT_MAX_PENDING_PER_ADDRESS,
                        "the stalled logins hold their places: " + server.rfb().pendingCount());
                assertEquals(Outcome.ACCEPTED, attempt(server.port(), "127.0.0.1", PASSWORD, null),
                        "a viewer from another address still gets in");
            } finally {
                stalled.forEach(RawRfbClient::close);
            }
        }
    }

    /** One VncAuth login attempt from {@code from}; the reason of a refusal lands in {@code reason[0]}. */
    static Outcome attempt(int port, String from, String password, String[] reason) throws IOException {
        try (RawRfbClient c = RawRfbClient.connect(from, port, 10_000)) {
            c.version();
            String[] r = new String[1];
            int[] types = c.securityTypes(r);
            if (types.length == 0) {
                if (reason != null) {
                    reason[0] = r[0];
                }
                return Outcome.BLOCKED;
            }
            assertEquals(2, types[0]);
            c.out.write(2);
            c.out.flush();
            byte[] challenge = new byte[16];
            c.in.readFully(challenge);
            c.out.write(VncPassword.of(password).expectedResponse(challenge));
            c.out.flush();
            int result = c.in.readInt();
            if (result == 0) {
                return Outcome.ACCEPTED;
            }
            c.readString();
            return Outcome.WRONG_PASSWORD;
        } catch (EOFException | SocketException e) {
            return Outcome.DROPPED;
        }
    }
}
