package org.vfiovnc.rfb;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.protocol.ProtocolException;
import org.vfiovnc.surface.Rect;

/**
 * A viewer's sender thread: waits until the viewer asked for an update and something is due, takes
 * the due work from the {@link UpdateState} under its lock, and encodes and writes it outside the
 * lock. Its write blocks while the viewer is behind; the damage merges meanwhile (see
 * {@link WatchedOutput}).
 */
final class UpdateSender {
    private static final Logger LOG = ClientSession.LOG;

    private final String peer;
    private final UpdateState state;
    private final WatchedOutput output;
    private final UpdateEncoding encoding;
    private final Consumer<String> close;

    /** @param close ends the session with a reason for the log */
    UpdateSender(String peer, UpdateState state, WatchedOutput output, UpdateEncoding encoding,
            Consumer<String> close) {
        this.peer = peer;
        this.state = state;
        this.output = output;
        this.encoding = encoding;
        this.close = close;
    }

    void start() {
        Thread t = new Thread(this::sendLoop, "rfb-send-" + peer);
        t.setDaemon(true);
        t.start();
    }

    private void sendLoop() {
        OutBuffer buf = new OutBuffer(256 * 1024);
        try {
            while (buf != null) {
                // One call per update: a loop that stays inside one invocation runs interpreted.
                buf = sendNext(buf);
            }
        } catch (InterruptedException e) {
            close.accept("interrupted");
        } catch (ProtocolException e) {
            close.accept(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "encoding for " + peer + " failed", e);
            close.accept("internal error while encoding: " + e);
        } finally {
            state.closeEncodings();
        }
    }

    /**
     * Waits until an update or a control message is due and sends it; returns the buffer to use
     * next (a new one after a very large update), null once the session is closed.
     */
    private OutBuffer sendNext(OutBuffer buf) throws InterruptedException, ProtocolException {
        UpdateState.Outgoing out = state.awaitOutgoing();
        if (out == null) {
            return null;
        }
        buf.reset();
        for (byte[] m : out.messages()) {
            buf.bytes(m);
        }
        if (out.colourMap() != null) {
            ServerMessageWriter.setColourMapEntries(buf, 0, out.colourMap());
        }
        if (out.update() != null) {
            List<Rect> sentLossy = encoding.write(out.update(), out.pixels(), out.publication(), buf);
            state.sent(out.update(), sentLossy);
        }
        if (out.fenceAfter() != null) {
            buf.bytes(out.fenceAfter());
        }
        try {
            output.write(buf.array(), 0, buf.size());
        } catch (IOException e) {
            close.accept("write failed: " + e.getMessage());
            return null;
        }
        return buf.capacity() > 8 << 20 ? new OutBuffer(256 * 1024) : buf;
    }
}
