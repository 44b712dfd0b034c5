package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.vfiovnc.encoding.HextileEncoder;
import org.vfiovnc.encoding.ZlibEncoder;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;
import org.vfiovnc.testing.ControlledSource;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Vernacular;

class SharedUpdatesTest {
    private static final int W = 256;
    private static final int H = 160;

    private static PendingUpdate update(Framebuffer fb, List<Rect> rects, org.vfiovnc.encoding.Encoder e) {
        return new PendingUpdate(fb, false, null, false, List.of(), List.of(), rects, List.of(), e, false, false);
    }

    @Test
    void sameKeyEncodesOnceNewPublicationEncodesAgain() {
        SharedUpdates shared = new SharedUpdates();
        Framebuffer fb = new Framebuffer(W, H);
        PixelFormat f = PixelFormat.serverDefault();
        PendingUpdate u = update(fb, List.of(new Rect(0, 0, 10, 10)), new HextileEncoder());
        AtomicInteger encodes = new AtomicInteger();
        Supplier<SharedUpdates.Encoded> encode = () -> new SharedUpdates.Encoded(
                new byte[] {(byte) encodes.incrementAndGet()}, new EncodingStats.Tally(), List.of());
        SharedUpdates.Result first = shared.get(SharedUpdates.key(7, u, f), encode);
        SharedUpdates.Result second = shared.get(
                SharedUpdates.key(7, update(fb, List.of(new Rect(0, 0, 10, 10)), new HextileEncoder()), f), encode);
        assertSame(first.encoded(), second.encoded());
        assertTrue(first.encodedHere());
        assertFalse(second.encodedHere(), "the second sender copied the first one's update");
        assertEquals(1, encodes.get());
        shared.get(SharedUpdates.key(8, u, f), encode);
        shared.get(SharedUpdates.key(8, update(fb, List.of(new Rect(0, 0, 10, 11)), new HextileEncoder()), f), encode);
        shared.get(SharedUpdates.key(8, u, new PixelFormat(16, 16, false, true, 31, 63, 31, 11, 5, 0)), encode);
        assertEquals(4, encodes.get(), "another publication, other rects or another format encode anew");
        assertEquals(1, shared.hits());
    }

    @Test
    void onlyStatelessUpdatesWithoutPerViewerPartsAreShared() {
        Framebuffer fb = new Framebuffer(W, H);
        List<Rect> r = List.of(new Rect(0, 0, 10, 10));
        assertTrue(SharedUpdates.shareable(update(fb, r, new HextileEncoder())));
        ZlibEncoder zlib = new ZlibEncoder(2);
        try {
            assertTrue(!SharedUpdates.shareable(update(fb, r, zlib)), "zlib keeps a stream per viewer");
        } finally {
            zlib.close();
        }
        assertTrue(!SharedUpdates.shareable(new PendingUpdate(fb, true, null, false, List.of(), List.of(), r, List.of(),
                new HextileEncoder(), false, false)), "resize");
        assertTrue(!SharedUpdates.shareable(new PendingUpdate(fb, false, null, false, List.of(), List.of(), r, r,
                new HextileEncoder(), false, false)), "lossless refresh");
    }

    @Test
    void viewersSharingEncodingsAllEndExact() throws Exception {
        ControlledSource source = new ControlledSource(W, H, 1);
        VncServer server = TestServer.start(source);
        List<Vernacular> viewers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                viewers.add(Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, Vernacular.only("hextile")));
            }
            // A Zlib viewer alongside: never shared, must not disturb the others.
            viewers.add(Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, Vernacular.only("zlib")));
            int[] expected = null;
            for (int seed = 2; seed < 40; seed++) {
                expected = source.show(W, H, seed);
                Thread.sleep(25);
            }
            int[] last = expected;
            for (Vernacular v : viewers) {
                v.awaitImage(() -> last, W, 0, 30);
            }
            assertArrayEquals(last, TestServer.snapshot(server));
            assertTrue(server.rfb().sharedUpdates().hits() > 0,
                    "hextile viewers shared encodings: hits " + server.rfb().sharedUpdates().hits()
                            + ", encodes " + server.rfb().sharedUpdates().encodes());
        } finally {
            viewers.forEach(Vernacular::close);
            server.close();
        }
    }
}
