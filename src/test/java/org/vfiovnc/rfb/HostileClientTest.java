package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.testing.FaultySource;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.RawRfbClient;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.WatchingViewer;

/**
 * Clients that stall, trickle, never read or come in a flood: each is dealt with on its own, and a
 * real viewer on the same server keeps getting every update meanwhile (no update gap longer than a
 * generous bound; no tight timing) and ends with the exact picture.
 */
class HostileClientTest {
    private static final int W = 320;
    private static final int H = 200;
    /** Far above the ~10-30 ms between updates; only a viewer that is held up would exceed it. */
    private static final long MAX_GAP_MS = 2000;

    private LogCapture log;
    private FaultySource source;
    private VncServer server;
    private WatchingViewer viewer;

    @BeforeEach
    void start() throws Exception {
        log = new LogCapture();
        startServer(0);
    }

    private void startServer(int idleTimeoutMs) throws Exception {
        if (server != null) {
            viewer.close();
            server.close();
        }
        source = new FaultySource(W, H);
        RfbConfig config = RfbConfig.defaults(List.of(new NoneSecurity())).withTimeouts(3000)
                .withLimits(new RfbLimits(16, 60_000, idleTimeoutMs, 64 * 1024, 30_000));
        server = TestServer.start(source, config, NoInputSink.INSTANCE);
        viewer = WatchingViewer.connect(server.port());
        assertTrue(viewer.awaitUpdates(3, 10_000), "viewer gets the first updates");
        viewer.resetGap();
    }

    @AfterEach
    void stop() {
        viewer.close();
        server.close();
        log.close();
    }

    /** The viewer kept updating throughout, and shows the exact picture once the source stops changing. */
    private void viewerUnharmed(String during) throws Exception {
        assertTrue(viewer.maxGapMs() < MAX_GAP_MS, "viewer waited " + viewer.maxGapMs() + " ms for an update during " + during);
        assertTrue(viewer.running(), "viewer still connected: " + viewer.errors());
        source.freeze(true);
        int[] expected = source.expected();
        assertTrue(viewer.awaitPicture(px -> Pixels.compare(expected, px, W, 0) == null, 10_000),
                "viewer shows the final picture after " + during);
        assertNull(Pixels.compare(expected, viewer.pixels(), W, 0));
        assertTrue(viewer.errors().isEmpty(), viewer.errors().toString());
    }

    @Test
    void silentClientIsClosedAtTheHandshakeDeadline() throws Exception {
        try (RawRfbClient silent = RawRfbClient.connect(null, server.port(), 10_000)) {
            silent.in.readFully(new byte[12]);
            long t0 = System.nanoTime();
            assertEquals(-1, silent.in.read(), "closed by the server");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 2000 && ms < 9000, "closed after " + ms + " ms (deadline 3000)");
        }
        viewerUnharmed("a silent client");
        assertEquals(1, server.rfb().clientCount());
    }

    @Test
    void tricklingClientIsClosedAtTheDeadlineThoughEachReadIsInTime() throws Exception {
        AtomicBoolean closedByServer = new AtomicBoolean();
        try (RawRfbClient slow = RawRfbClient.connect(null, server.port(), 10_000)) {
            slow.in.readFully(new byte[12]);
            byte[] version = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);
            long t0 = System.nanoTime();
            try {
                for (int i = 0; i < 30; i++) {
                    slow.out.write(version[i % 12]);
                    slow.out.flush();
                    Thread.sleep(1000);
                    slow.socket.setSoTimeout(1);
                    try {
                        if (slow.in.read() == -1) {
                            closedByServer.set(true);
                            break;
                        }
                    } catch (SocketTimeoutException e) {
                        // still open
                    }
                }
            } catch (IOException e) {
                closedByServer.set(true); // reset by the server
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(closedByServer.get(), "server closed the trickling client");
            assertTrue(ms < 9000, "closed after " + ms + " ms (deadline 3000)");
        }
        log.await("handshake not finished within 3000 ms", 5);
        assertTrue(log.count("handshake not finished within 3000 ms") == 1, log.messages().toString());
        viewerUnharmed("a trickling client");
    }

    @Test
    void clientThatNeverReadsHarmsNobody() throws Exception {
        try (RawRfbClient stuck = RawRfbClient.connect(null, server.port(), 10_000)) {
            askWithoutReading(stuck, System.currentTimeMillis() + 4000);
            Thread.sleep(4000);
            viewerUnharmed("a client that never reads");
        }
    }

    /** Each blocked write holds a sender thread; the pool grows by one for each, so the others still get theirs. */
    @Test
    void moreClientsThatNeverReadThanSenderThreadsHarmNobody() throws Exception {
        List<RawRfbClient> stuck = new ArrayList<>();
        try {
            long end = System.currentTimeMillis() + 4000;
            for (int i = 0; i < SenderPool.defaultSize() + 2; i++) {
                RawRfbClient c = RawRfbClient.connect(null, server.port(), 10_000);
                stuck.add(c);
                askWithoutReading(c, end);
            }
            Thread.sleep(Math.max(0, end - System.currentTimeMillis()));
            viewerUnharmed(stuck.size() + " clients that never read");
        } finally {
            for (RawRfbClient c : stuck) {
                c.close();
            }
        }
    }

    /** Full-screen requests until {@code end}, never reading: its socket buffers fill and the server's writes to it block. */
    private static void askWithoutReading(RawRfbClient stuck, long end) throws Exception {
        stuck.socket.setReceiveBufferSize(4096);
        stuck.handshakeNone();
        stuck.socket.setSoTimeout(0);
        Thread writer = new Thread(() -> {
            try {
                while (System.currentTimeMillis() < end) {
                    stuck.requestUpdate(false, W, H);
                    Thread.sleep(5);
                }
            } catch (IOException | InterruptedException e) {
                // the server may drop it: fine
            }
        });
        writer.setDaemon(true);
        writer.start();
    }

    @Test
    void idleClientIsClosedAfterTheIdleTimeoutWhileAnActiveViewerStays() throws Exception {
        startServer(1500);
        try (RawRfbClient idle = RawRfbClient.connect(null, server.port(), 10_000)) {
            idle.handshakeNone();
            long t0 = System.nanoTime();
            byte[] sink = new byte[65536];
            while (idle.in.read(sink) >= 0) {
                // drain whatever comes; only the close matters
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 1000 && ms < 8000, "idle client closed after " + ms + " ms (limit 1500)");
        }
        log.await("idle timeout", 5);
        assertEquals(1, log.count("idle timeout"), log.messages().toString());
        viewerUnharmed("an idle client");
    }

    @Test
    void oversizedMessageClosesOnlyThatClient() throws Exception {
        try (RawRfbClient big = RawRfbClient.connect(null, server.port(), 10_000)) {
            big.handshakeNone();
            big.out.write(new byte[] {2, 0, (byte) 0xff, (byte) 0xff});
            big.out.flush();
            byte[] sink = new byte[65536];
            while (big.in.read(sink) >= 0) {
                // until closed
            }
        }
        log.await("SetEncodings of 262144 bytes exceeds the limit of 65536", 5);
        assertEquals(1, log.count("SetEncodings of 262144 bytes exceeds the limit of 65536"), log.messages().toString());
        viewerUnharmed("an oversized message");
    }

    @Test
    void twoHundredConnectionsAtOnceAreRefusedBeyondTheLimits() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(200);
        List<RawRfbClient> admitted = new ArrayList<>();
        try {
            List<Future<RawRfbClient>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                all.add(pool.submit(() -> {
                    RawRfbClient c = RawRfbClient.connect(null, server.port(), 10_000);
                    try {
                        c.handshakeNone();
                        return c;
                    } catch (IOException e) {
                        c.close();
                        return null;
                    }
                }));
            }
            int refused = 0;
            for (Future<RawRfbClient> f : all) {
                RawRfbClient c = f.get(60, TimeUnit.SECONDS);
                if (c == null) {
                    refused++;
                } else {
                    admitted.add(c);
                }
            }
            assertTrue(!admitted.isEmpty(), "some were served");
            assertTrue(admitted.size() <= 31, admitted.size() + " admitted besides the viewer (limit 32 in all)");
            assertEquals(200, refused + admitted.size());
            assertTrue(server.rfb().clientCount() <= 32);
            // A refused connection leaves the pending set just after its client sees the close.
            long until = System.currentTimeMillis() + 5000;
            while (server.rfb().pendingCount() > 0 && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            assertEquals(0, server.rfb().pendingCount());
            // The admitted raw clients are really served.
            RawRfbClient one = admitted.get(0);
            one.requestUpdate(false, W, H);
            assertEquals(0, one.in.readUnsignedByte(), "FramebufferUpdate");
        } finally {
            admitted.forEach(RawRfbClient::close);
            pool.shutdownNow();
        }
        viewerUnharmed("a flood of 200 connections");
    }
}
