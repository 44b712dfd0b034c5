package org.vfiovnc.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.vfiovnc.damage.Region;
import org.vfiovnc.display.DisplayListener;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.input.GuestLink;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.rfb.security.SecurityType;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.TransportOptions;

/** Starts a real server in-process on a free loopback port, for tests that point real viewers at it. */
public final class TestServer {
    private TestServer() {}

    /** Fast pacing so tests see changes quickly. */
    public static RefreshLoop.Pacing fastPacing() {
        return new RefreshLoop.Pacing(10, 20, 50, 200);
    }

    public static VncServer start(DisplaySource source) throws IOException {
        return start(source, List.of(new NoneSecurity()), NoInputSink.INSTANCE);
    }

    public static VncServer start(DisplaySource source, List<SecurityType> security, InputSink input) throws IOException {
        return start(source, RfbConfig.defaults(security), input);
    }

    public static VncServer start(DisplaySource source, RfbConfig config, InputSink input) throws IOException {
        return VncServer.start(source, fastPacing(), config, input, new ListenAddress("127.0.0.1", 0));
    }

    /** With everything a viewer may ask of the VM ({@code guest}: input, power, clipboard). */
    public static VncServer start(DisplaySource source, RfbConfig config, GuestLink guest) throws IOException {
        return VncServer.start(new RefreshLoop(source, fastPacing()), config, guest, new ListenAddress("127.0.0.1", 0),
                TransportOptions.plainRfb());
    }

    /** A copy of the server's current framebuffer pixels (canonical 0x00RRGGBB). */
    public static int[] snapshot(VncServer server) {
        return snapshot(server.loop());
    }

    /**
     * The loop's picture of the source as of a compare made now: a loop nobody watches compares
     * nothing, so this watches for one tick (attaching brings a full compare at once), as a viewer
     * connecting would.
     */
    public static int[] snapshot(RefreshLoop loop) {
        DisplayListener eye = new DisplayListener() {
            @Override
            public void framebufferReplaced(Framebuffer fb) {}

            @Override
            public void damaged(Region damage) {}
        };
        long before = loop.framesDiffed();
        loop.attach(eye);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (loop.framesDiffed() == before && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
            Framebuffer fb = loop.current();
            return fb.pixels().clone();
        } finally {
            loop.detach(eye);
        }
    }
}
