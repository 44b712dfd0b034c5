package org.vfiovnc.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.input.GuestLink;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.RfbServer;
import org.vfiovnc.rfb.security.AuthThrottle;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.transport.ConnectionHandler;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.FrontDoor;
import org.vfiovnc.transport.door.TransportOptions;
import org.vfiovnc.transport.tcp.TcpListener;

/**
 * A running server: one display's refresh loop, the RFB server and its listeners. Used by the
 * {@code serve} command and by tests that run a server in-process.
 */
public final class VncServer implements AutoCloseable {
    private final RefreshLoop loop;
    private final RfbServer rfb;
    private final GuestLink guest;
    private final List<TcpListener> listeners = new ArrayList<>();

    private VncServer(RefreshLoop loop, RfbServer rfb, GuestLink guest) {
        this.loop = loop;
        this.rfb = rfb;
        this.guest = guest;
    }

    /** Opens the source (failing fast on a bad one), starts the loop and listens on {@code address}. */
    public static VncServer start(DisplaySource source, RefreshLoop.Pacing pacing, RfbConfig config,
                                  InputSink input, ListenAddress address) throws IOException {
        return start(new RefreshLoop(source, pacing), config, input, address, TransportOptions.plainRfb());
    }

    /** As above, with WebSocket, the web page and TLS as {@code transport} says. */
    public static VncServer start(DisplaySource source, RefreshLoop.Pacing pacing, RfbConfig config,
                                  InputSink input, ListenAddress address, TransportOptions transport) throws IOException {
        return start(new RefreshLoop(source, pacing), config, input, address, transport);
    }

    /** With a loop built by the caller (e.g. with its own source timeout), plain RFB only; starts it. */
    public static VncServer start(RefreshLoop loop, RfbConfig config, InputSink input, ListenAddress address)
            throws IOException {
        return start(loop, config, input, address, TransportOptions.plainRfb());
    }

    /** A caller-built loop, input only, and the transports {@code transport} asks for. */
    public static VncServer start(RefreshLoop loop, RfbConfig config, InputSink input, ListenAddress address,
                                  TransportOptions transport) throws IOException {
        return start(loop, config, GuestLink.of(input), address, transport);
    }

    /** A caller-built loop, what viewers may ask of the VM, and the transports; its own authentication throttle. */
    public static VncServer start(RefreshLoop loop, RfbConfig config, GuestLink guest, ListenAddress address,
                                  TransportOptions transport) throws IOException {
        return start(loop, config, guest, address, transport, AuthThrottle.defaults());
    }

    /**
     * The general form. The server owns {@code loop} and {@code guest} from here on: it closes them
     * with itself, and at once when it cannot start.
     *
     * @param address  where to listen, or null for no port of its own (connections are handed to
     *                 {@link #rfb()} by a listener shared with other displays)
     * @param throttle the authentication throttle, which several servers may share
     */
    public static VncServer start(RefreshLoop loop, RfbConfig config, GuestLink guest, ListenAddress address,
                                  TransportOptions transport, AuthThrottle throttle) throws IOException {
        try {
            loop.start();
        } catch (IOException | RuntimeException e) {
            loop.close();
            guest.close();
            throw e;
        }
        RfbServer rfb = new RfbServer(config, loop, guest, throttle);
        VncServer server = new VncServer(loop, rfb, guest);
        try {
            if (address != null) {
                ConnectionHandler main = transport.sniff()
                        ? new FrontDoor(rfb, transport, true, transport.sniffWaitMs()) : rfb;
                server.listen(address, main);
            }
            if (transport.websocket() != null) {
                server.listen(transport.websocket(),
                        new FrontDoor(rfb, transport, false, FrontDoor.BROWSER_ONLY_WAIT_MS));
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void listen(ListenAddress address, ConnectionHandler handler) throws IOException {
        TcpListener l = new TcpListener(address, handler);
        listeners.add(l);
        l.start();
    }

    /** Every bound address: the RFB port first, then the WebSocket-only one when configured; empty without a port. */
    public List<ListenAddress> addresses() {
        return listeners.stream().map(TcpListener::boundAddress).toList();
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
        guest.close();
    }
}
