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
 * A viewer's sender: in each turn on the server's {@link SenderPool} it takes the due work from the
 * {@link UpdateState} under its lock, and encodes and writes it outside the lock. Its write blocks
 * while the viewer is behind; the damage merges meanwhile (see {@link WatchedOutput}).
 */
final class UpdateSender {
    private static final Logger LOG = ClientSession.LOG;
    private static final int BUFFER = 256 * 1024;
    /** One buffer per sender thread: a turn fills it and writes it out before the thread takes another. */
    private static final ThreadLocal<OutBuffer> BUFFERS = ThreadLocal.withInitial(() -> new OutBuffer(BUFFER));

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

    void start(SenderPool pool) {
        state.startTurns(pool, this::turn);
    }

    /** Sends what is due, if anything. */
    private void turn() {
        try {
            UpdateState.Outgoing out = state.beginTurn();
            if (out == null) {
                return;
            }
            send(out);
            state.endTurn();
        } catch (ProtocolException e) {
            close.accept(e.getMessage());
            state.endTurn();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "encoding for " + peer + " failed", e);
            close.accept("internal error while encoding: " + e);
            state.endTurn();
        }
    }

    /** Encodes and writes one turn's messages; a failed write closes the session. */
    private void send(UpdateState.Outgoing out) throws ProtocolException {
        OutBuffer buf = BUFFERS.get();
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
        } finally {
            if (buf.capacity() > 8 << 20) {
                // A very large update: the next turns of this thread start small again.
                BUFFERS.set(new OutBuffer(BUFFER));
            }
        }
    }
}
