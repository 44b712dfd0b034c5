package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.input.GuestClipboard;
import org.vfiovnc.input.GuestLink;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.input.PowerControl;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.rfb.security.UsersFile;
import org.vfiovnc.rfb.security.VeNCryptSecurity;
import org.vfiovnc.rfb.security.VeNCryptSubtype;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;

/** XVP byte by byte: who is offered power actions, what a request does, and what closes a viewer. */
class XvpProtocolTest {
    static final int XVP = -309;

    @TempDir
    Path tmp;

    /** Records requests; resets and shutdowns succeed, reboots are not supported unless asked. */
    static final class RecordingPower implements PowerControl {
        final List<String> performed = new CopyOnWriteArrayList<>();
        final boolean reboot;
        volatile boolean failShutdown;

        RecordingPower(boolean reboot) {
            this.reboot = reboot;
        }

        @Override
        public boolean supports(Action a) {
            return a != Action.REBOOT || reboot;
        }

        @Override
        public CompletableFuture<Void> perform(Action a, String requester) {
            performed.add(a + " by " + requester);
            return a == Action.SHUTDOWN && failShutdown
                    ? CompletableFuture.failedFuture(new IOException("QEMU said no")) : CompletableFuture.completedFuture(null);
        }
    }

    private static VncServer server(RecordingPower power, PowerAccess access) throws IOException {
        return TestServer.start(new DemoSource(64, 64, true),
                RfbConfig.defaults(List.of(new NoneSecurity())).withPower(access),
                new GuestLink(NoInputSink.INSTANCE, power, GuestClipboard.NONE));
    }

    /** The next XVP message (version, code), after any updates; the client asks for updates so one comes. */
    private static byte[] nextXvp(RawRfbClient c) throws IOException {
        return c.readUntil(m -> m.type() == 250, 20).payload();
    }

    /** Whether an XVP message arrives before the update answering a request sent now. */
    private static boolean xvpBeforeNextUpdate(RawRfbClient c) throws IOException {
        c.requestUpdate(false);
        return c.readUntil(m -> m.type() == 250 || m.type() == 0, 20).type() == 250;
    }

    private static void awaitPerformed(RecordingPower p, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (p.performed.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, p.performed.size(), p.performed.toString());
    }

    @Test
    void allowedViewersGetInitAndTheirRequestsAreCarriedOut() throws Exception {
        RecordingPower power = new RecordingPower(false);
        power.failShutdown = true;
        try (VncServer server = server(power, PowerAccess.viewers());
             RawRfbClient c = RawRfbClient.connect(server.port()).handshakeNone();
             LogCapture log = new LogCapture()) {
            c.setEncodings(0, XVP);
            assertArrayEquals(new byte[] {1, 1}, nextXvp(c), "XVP_INIT, version 1");
            c.xvp(1, 4);
            awaitPerformed(power, 1);
            assertTrue(power.performed.get(0).startsWith("RESET by (anonymous)@127.0.0.1:"), power.performed.toString());
            assertFalse(xvpBeforeNextUpdate(c), "a successful action is not answered");
            // Reboot is not supported here (no guest agent): XVP_FAIL, nothing performed.
            c.xvp(1, 3);
            assertArrayEquals(new byte[] {1, 0}, nextXvp(c));
            assertEquals(1, power.performed.size());
            Thread.sleep(1100); // one action a second per viewer
            // A shutdown that fails: XVP_FAIL.
            c.xvp(1, 2);
            assertArrayEquals(new byte[] {1, 0}, nextXvp(c));
            awaitPerformed(power, 2);
            // Right after it, another request fails at once and is not carried out.
            c.xvp(1, 4);
            assertArrayEquals(new byte[] {1, 0}, nextXvp(c));
            assertEquals(2, power.performed.size());
            // A second SetEncodings does not announce XVP again.
            c.setEncodings(0, XVP);
            assertFalse(xvpBeforeNextUpdate(c), "XVP_INIT is sent once");
            assertFalse(c.closedByServerWithin(200));
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("refused: not supported here (reboot needs --guest-agent)")),
                    log.messages().toString());
        }
    }

    @Test
    void withoutPermissionOrPowerThereIsNoInitAndRequestsFail() throws Exception {
        for (PowerAccess access : List.of(PowerAccess.NOBODY, PowerAccess.viewers())) {
            // Not allowed, or allowed where the VM has no power control.
            RecordingPower power = access.enabled() ? null : new RecordingPower(true);
            PowerControl control = power != null ? power : PowerControl.NONE;
            try (VncServer server = TestServer.start(new DemoSource(64, 64, true),
                        RfbConfig.defaults(List.of(new NoneSecurity())).withPower(access),
                        new GuestLink(NoInputSink.INSTANCE, control, GuestClipboard.NONE));
                 RawRfbClient c = RawRfbClient.connect(server.port()).handshakeNone();
                 LogCapture log = new LogCapture()) {
                c.setEncodings(0, XVP);
                assertFalse(xvpBeforeNextUpdate(c), "no XVP_INIT with power " + access.describe());
                c.xvp(1, 4);
                assertArrayEquals(new byte[] {1, 0}, nextXvp(c), "XVP_FAIL");
                c.xvp(1, 2);
                assertArrayEquals(new byte[] {1, 0}, nextXvp(c), "XVP_FAIL");
                assertFalse(c.closedByServerWithin(200), "a refused request does not close the viewer");
                if (power != null) {
                    assertTrue(power.performed.isEmpty(), power.performed.toString());
                }
                String why = access.enabled() ? "refused: no power control here" : "refused: not allowed for this viewer";
                assertEquals(1, log.messages().stream().filter(m -> m.contains(why)).count(), "logged once: " + log.messages());
            }
        }
    }

    @Test
    void onlyNamedUsersGetPower() throws Exception {
        Path users = tmp.resolve("users");
        Files.writeString(users, "alice:wonderland\nbob:builder\n");
        RecordingPower power = new RecordingPower(false);
        VeNCryptSecurity plain = new VeNCryptSecurity(List.of(VeNCryptSubtype.PLAIN), null, null,
                UsersFile.load(users, 1000), true);
        try (VncServer server = TestServer.start(new DemoSource(64, 64, true),
                    RfbConfig.defaults(List.of(plain)).withPower(PowerAccess.users(List.of("alice"))),
                    new GuestLink(NoInputSink.INSTANCE, power, GuestClipboard.NONE));
             RawRfbClient alice = RawRfbClient.connect(server.port()).handshakePlain("alice", "wonderland");
             RawRfbClient bob = RawRfbClient.connect(server.port()).handshakePlain("bob", "builder")) {
            bob.setEncodings(0, XVP);
            assertFalse(xvpBeforeNextUpdate(bob), "bob is not named");
            bob.xvp(1, 4);
            assertArrayEquals(new byte[] {1, 0}, nextXvp(bob));
            alice.setEncodings(0, XVP);
            assertArrayEquals(new byte[] {1, 1}, nextXvp(alice));
            alice.xvp(1, 4);
            awaitPerformed(power, 1);
            assertTrue(power.performed.get(0).startsWith("RESET by alice@127.0.0.1:"), power.performed.toString());
        }
    }

    @Test
    void malformedOrUnnegotiatedXvpClosesOnlyThatViewerWithTheReason() throws Exception {
        RecordingPower power = new RecordingPower(true);
        byte[][] bad = {
            {(byte) 250, 0, 2, 4}, // version 2
            {(byte) 250, 0, 1, 1}, // code 1 is the server's XVP_INIT
            {(byte) 250, 0, 1, 9}, // no such code
        };
        String[] reasons = {"XVP message of version 2", "XVP message with code 1", "XVP message with code 9"};
        try (VncServer server = server(power, PowerAccess.viewers());
             RawRfbClient bystander = RawRfbClient.connect(server.port()).handshakeNone();
             LogCapture log = new LogCapture()) {
            for (int i = 0; i < bad.length; i++) {
                try (RawRfbClient c = RawRfbClient.connect(server.port()).handshakeNone()) {
                    c.setEncodings(0, XVP);
                    nextXvp(c);
                    c.out.write(bad[i]);
                    c.out.flush();
                    assertTrue(c.closedByServerWithin(5000), "closed after " + reasons[i]);
                }
            }
            try (RawRfbClient c = RawRfbClient.connect(server.port()).handshakeNone()) {
                c.setEncodings(0);
                c.xvp(1, 4);
                assertTrue(c.closedByServerWithin(5000), "XVP without the extension closes");
            }
            assertTrue(power.performed.isEmpty(), power.performed.toString());
            bystander.requestUpdate(false);
            assertEquals(0, bystander.readUntil(m -> m.type() == 0, 5).type(), "the other viewer goes on");
            long deadline = System.currentTimeMillis() + 5000;
            String[] all = {reasons[0], reasons[1], reasons[2], "XVP message without the XVP extension"};
            for (String r : all) {
                while (log.messages().stream().noneMatch(m -> m.contains("protocol error: " + r))
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(log.messages().stream().anyMatch(m -> m.contains("protocol error: " + r)), r + " in " + log.messages());
            }
        }
    }
}
