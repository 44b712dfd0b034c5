package org.vfiovnc.rfb;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vfiovnc.input.GuestClipboard;
import org.vfiovnc.input.GuestLink;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.input.LedListener;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.protocol.ProtocolException;
import org.vfiovnc.rfb.security.AuthenticationException;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.transport.Connection;

/**
 * One viewer, from handshake to close. {@link #run} is the connection's whole life on the calling
 * thread, which becomes the reader thread once the viewer is admitted: its messages go to
 * {@link ClientRequests}. The refresh loop merges into the session's {@link UpdateState}; its
 * {@link UpdateSender} sends what is due, in turns on the server's {@link SenderPool}; a
 * {@link SessionWatchdog} disconnects a viewer that stopped reading or went silent. Any of them may end the session with {@link #close}.
 */
public final class ClientSession {
    /** The logger of every part of a session: one name to follow viewers by. */
    static final Logger LOG = Logger.getLogger(ClientSession.class.getName());

    private final RfbConfig config;
    private final SessionAdmission admission;
    private final DisplayFeed display;
    private final InputSink input;
    private final UpdateEncoding updateEncoding;
    private volatile Connection connection;
    private final String peer;
    private final UpdateState state;
    private final ClientRequests requests;
    private final SessionWatchdog watchdog;
    private final LedListener ledListener;
    private final GuestClipboard guestClipboard;
    private final ViewerClipboard clipboard;
    private final ViewerPower power;
    private ClientMessageReader reader;
    private final SenderPool senders;
    private volatile boolean shared = true;

    ClientSession(Connection connection, RfbConfig config, SessionAdmission admission, DisplayFeed display,
            GuestLink guest, UpdateEncoding updateEncoding, SenderPool senders) {
        this.config = config;
        this.admission = admission;
        this.display = display;
        this.input = guest.input();
        this.updateEncoding = updateEncoding;
        this.senders = senders;
        this.connection = connection;
        this.peer = connection.describe();
        this.state = new UpdateState(display, updateEncoding.newViewerVideo());
        this.guestClipboard = guest.clipboard();
        // Clipboard replies waiting for a viewer that does not read are bounded (twice the text limit).
        long unread = 2L * config.maxCutText() + 65_536;
        this.clipboard = new ViewerClipboard(peer, guestClipboard, config.viewOnly(), config.maxCutText(),
                m -> state.queueMessage(m, unread));
        // Under the same bound: XVP messages (four bytes, at most one a second) wait behind clipboard replies.
        this.power = new ViewerPower(peer, guest.power(), m -> state.queueMessage(m, unread));
        this.requests = new ClientRequests(peer, state, display, guest, config.viewOnly(), clipboard, power);
        this.watchdog = new SessionWatchdog(peer, config.limits(), this::close);
        this.ledListener = state::ledsChanged;
    }

    public String peer() {
        return peer;
    }

    boolean isShared() {
        return shared;
    }

    /** For the server's watchdog thread. */
    SessionWatchdog watchdog() {
        return watchdog;
    }

    /** Runs the whole life of the connection on the calling thread. */
    void run() {
        try {
            RfbHandshake.Result hs = admission.handshake(connection);
            connection = hs.connection();
            shared = hs.shared();
            admission.admit(this, hs.shared());
            power.admitted(hs.user(), hs.authenticated(),
                    config.power().allows(hs.authenticated(), hs.user(), config.security().provesIdentity()));
            LOG.info("client " + peer + " connected (RFB 3." + hs.minorVersion() + ", " + hs.security().name()
                    + (hs.user() != null ? ", user " + hs.user() : "") + (hs.shared() ? ", shared" : ", exclusive") + ")");
            Framebuffer fb = display.attach(state);
            state.start(fb);
            sendServerInit(fb);
            // No read timeout from here on: the idle timeout is the watchdog's.
            connection.setReadTimeout(0);
            WatchedOutput output = new WatchedOutput(connection.output());
            input.addLedListener(ledListener);
            guestClipboard.addListener(clipboard);
            ReceiveClock received = new ReceiveClock(connection.input());
            watchdog.watch(output, received);
            reader = requests.newReader(new DataInputStream(new BufferedInputStream(received, 16 * 1024)),
                    config.maxCutText(), config.limits().maxMessage());
            new UpdateSender(peer, state, output, updateEncoding, this::close).start(senders);
            while (!state.isClosed()) {
                reader.readMessage();
            }
        } catch (AuthenticationException e) {
            admission.authenticationFailed(connection.remoteAddress());
            close("authentication failed");
        } catch (EOFException e) {
            close("client closed the connection");
        } catch (SocketTimeoutException e) {
            close(reader == null ? "handshake timed out" : "read timed out");
        } catch (ProtocolException e) {
            close("protocol error: " + e.getMessage());
        } catch (SocketException e) {
            close("connection lost: " + e.getMessage());
        } catch (IOException e) {
            close("I/O error: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "client " + peer + " failed", e);
            close("internal error: " + e);
        } finally {
            close("done");
            // Another thread (a sender whose write failed) may have begun the close and be in the
            // middle of it; the connection is ended before this thread returns all the same.
            connection.close();
        }
    }

    private void sendServerInit(Framebuffer fb) throws IOException {
        DataOutputStream out = new DataOutputStream(connection.output());
        out.writeShort(fb.width());
        out.writeShort(fb.height());
        PixelFormat.serverDefault().write(out);
        byte[] name = config.desktopName().getBytes(StandardCharsets.UTF_8);
        out.writeInt(name.length);
        out.write(name);
        out.flush();
    }

    /** Ends the session with a reason for the log; safe to call from any thread, more than once. */
    public void close(String reason) {
        if (!state.close(reason)) {
            return;
        }
        LOG.info("client " + peer + " disconnected: " + reason);
        input.removeLedListener(ledListener);
        guestClipboard.removeListener(clipboard);
        display.detach(state);
        admission.remove(this);
        connection.close();
    }

    String closeReason() {
        return state.closeReason();
    }
}
