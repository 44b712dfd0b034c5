package org.vfiovnc.rfb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.vfiovnc.damage.RefreshLoop;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.tcp.TcpListener;

/**
 * A running server: one display's refresh loop, the RFB server and its listeners. Used by the
 * {@code serve} command and by tests that run a server in-process.
 */
public final class VncServer implements AutoCloseable {
    private final RefreshLoop loop;
    private final RfbServer rfb;
    private final InputSink input;
    private final List<TcpListener> listeners = new ArrayList<>();

    private VncServer(RefreshLoop loop, RfbServer rfb, InputSink input) {
        this.loop = loop;
        this.rfb = rfb;
        this.input = input;
    }

    /** Opens the source (failing fast on a bad one), starts the loop and listens on {@code address}. */
    public static VncServer start(DisplaySource source, RefreshLoop.Pacing pacing, RfbConfig config,
                                  InputSink input, ListenAddress address) throws IOException {
        return start(new RefreshLoop(source, pacing), config, input, address);
    }

    /** As above with a loop built by the caller (e.g. with its own source timeout); starts it. */
    public static VncServer start(RefreshLoop loop, RfbConfig config, InputSink input, ListenAddress address)
            throws IOException {
        loop.start();
        RfbServer rfb = new RfbServer(config, loop, input);
        VncServer server = new VncServer(loop, rfb, input);
        try {
            TcpListener l = new TcpListener(address, rfb);
            server.listeners.add(l);
            l.start();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public ListenAddress address() {
        return listeners.get(0).boundAddress();
    }

    public int port() {
        return address().port();
    }

    public RefreshLoop loop() {
        return loop;
    }

    public RfbServer rfb() {
        return rfb;
    }

    @Override
    public void close() {
        for (TcpListener l : listeners) {
            l.close();
        }
        rfb.close();
        loop.close();
        input.close();
    }
}
