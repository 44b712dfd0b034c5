package org.vfiovnc.rfb;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vfiovnc.damage.CopyTracker;
import org.vfiovnc.damage.Move;
import org.vfiovnc.damage.Region;
import org.vfiovnc.display.DisplayListener;
import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.input.LedListener;
import org.vfiovnc.protocol.PixelFormat;
import org.vfiovnc.protocol.ProtocolException;
import org.vfiovnc.rfb.security.AuthenticationException;
import org.vfiovnc.surface.CursorImage;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.Rect;
import org.vfiovnc.transport.Connection;

/**
 * One viewer. Its reader thread parses messages and updates the state below; its sender thread
 * waits until the viewer asked for an update and something is due, takes the due work under the
 * lock and encodes and writes it outside the lock. While the viewer is slow its damage merges into
 * one region (bounded), so it costs the refresh loop and other viewers nothing.
 */
public final class ClientSession implements DisplayListener, ClientMessageHandler {
    private static final Logger LOG = Logger.getLogger(ClientSession.class.getName());
    /** A lossy (JPEG) area unchanged this long is sent again lossless. */
    static final long LOSSLESS_REFRESH_MS = 400;
    /** A write that has not moved for this long is worth a line in the log: the viewer is behind. */
    private static final long BEHIND_LOG_MS = 250;

    private final RfbConfig config;
    private final SessionAdmission admission;
    private final DisplayFeed display;
    private final InputSink input;
    private final UpdateEncoding updateEncoding;
    private volatile Connection connection;
    private final String peer;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    // State below is guarded by lock.
    private final ClientEncodings encodings = new ClientEncodings();
    private final Region damage = new Region();
    // Moves (scrolls) the viewer can copy itself with CopyRect, in order; one frame's worth at most
    // pending, sent before the damage.
    private List<Move> pendingMoves = List.of();
    private volatile boolean wantsCopies;
    private PixelTranslator translator = new PixelTranslator(PixelFormat.serverDefault());
    private boolean colourMapDue;
    private Framebuffer framebuffer;
    private int clientWidth;
    private int clientHeight;
    private Rect requested;
    private CursorImage cursor = CursorImage.defaultArrow();
    private boolean cursorDue;
    private boolean closed;
    private String closeReason;
    // Extensions (guarded by lock).
    private final List<byte[]> control = new ArrayList<>();
    private final List<PseudoRect> pseudo = new ArrayList<>();
    private final LossyAreas lossy = new LossyAreas(LOSSLESS_REFRESH_MS);
    private final ExtensionReplies extensions = new ExtensionReplies();
    private boolean continuousUpdates;
    private Rect continuousArea;
    private byte[] syncFence;
    private volatile WatchedOutput output;
    // Watchdog thread only: whether the write blocked now was logged, and whether it closes us.
    private boolean behindLogged;
    private boolean stallClosing;
    private boolean idleClosing;
    /** When the viewer's bytes last came in; null until the session reads messages. */
    private volatile ReceiveClock received;
    /** The refresh loop's publication count when the update being sent was taken (sender thread). */
    private long takenAtPublication;
    private final LedListener ledListener = this::ledsChanged;

    private ClientMessageReader reader;
    private Thread sender;
    private volatile boolean shared = true;

    ClientSession(Connection connection, RfbConfig config, SessionAdmission admission, DisplayFeed display,
            InputSink input, UpdateEncoding updateEncoding) {
        this.config = config;
        this.admission = admission;
        this.display = display;
        this.input = input;
        this.updateEncoding = updateEncoding;
        this.connection = connection;
        this.peer = connection.describe();
    }

    public String peer() {
        return peer;
    }

    boolean isShared() {
        return shared;
    }

    /** Runs the whole life of the connection on the calling thread. */
    void run() {
        try {
            RfbHandshake.Result hs = admission.handshake(connection);
            connection = hs.connection();
            shared = hs.shared();
            admission.admit(this, hs.shared());
            LOG.info("client " + peer + " connected (RFB 3." + hs.minorVersion() + ", " + hs.security().name()
                    + (hs.shared() ? ", shared" : ", exclusive") + ")");
            Framebuffer fb = display.attach(this);
            lock.lock();
            try {
                framebuffer = fb;
                clientWidth = fb.width();
                clientHeight = fb.height();
                display.cursor().ifPresent(c -> cursor = c.image());
            } finally {
                lock.unlock();
            }
            sendServerInit(fb);
            // No read timeout from here on: the idle timeout is the watchdog's (watchInput).
            connection.setReadTimeout(0);
            output = new WatchedOutput(connection.output());
            input.addLedListener(ledListener);
            received = new ReceiveClock(connection.input());
            reader = new ClientMessageReader(new DataInputStream(new BufferedInputStream(received, 16 * 1024)),
                    this, config.maxCutText(), config.limits().maxMessage());
            sender = new Thread(this::sendLoop, "rfb-send-" + peer);
            sender.setDaemon(true);
            sender.start();
            while (!isClosed()) {
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
        OutputStream raw = connection.output();
        DataOutputStream out = new DataOutputStream(raw);
        out.writeShort(fb.width());
        out.writeShort(fb.height());
        PixelFormat.serverDefault().write(out);
        byte[] name = config.desktopName().getBytes(StandardCharsets.UTF_8);
        out.writeInt(name.length);
        out.write(name);
        out.flush();
    }

    // ---- refresh loop events (loop thread: merge and signal only) ----

    @Override
    public void framebufferReplaced(Framebuffer fb) {
        lock.lock();
        try {
            framebuffer = fb;
            damage.clear();
            damage.add(fb.bounds());
            pendingMoves = List.of();
            lossy.clear();
            if (continuousArea != null) {
                continuousArea = fb.bounds();
            }
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean wantsMoves() {
        return wantsCopies;
    }

    /**
     * Damage with the moves the differ found. The moves become CopyRects, in order, when the
     * viewer's copies will be right: undelivered damage inside a move's source is re-sent at its
     * destination too, and from the first move whose source holds lossy (JPEG) pixels on, moves
     * are sent as pixels (copied, those would never be refreshed there). While one frame's moves
     * wait to be sent, another frame's are sent as pixels.
     */
    @Override
    public void damaged(Region region, List<Move> moves, Region afterMoves) {
        lock.lock();
        try {
            if (moves.isEmpty() || !pendingMoves.isEmpty() || !encodings.copyRect()) {
                damaged(region);
                return;
            }
            List<Move> copies = moves.subList(0, copiesUntilLossy(moves));
            Region rest = afterMoves.copy();
            rest.add(CopyTracker.staleAfter(damage, copies));
            for (Move m : moves.subList(copies.size(), moves.size())) {
                rest.add(m.destination());
            }
            pendingMoves = List.copyOf(copies);
            damaged(rest);
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many of {@code moves} may be copied: up to the first whose source touches lossy pixels. */
    private int copiesUntilLossy(List<Move> moves) {
        int n = 0;
        while (n < moves.size() && !lossy.touches(moves.get(n).source())) {
            n++;
        }
        return n;
    }

    @Override
    public void damaged(Region region) {
        lock.lock();
        try {
            damage.add(region);
            lossy.damaged(region, System.nanoTime());
            if (requested != null || continuousUpdates) {
                work.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cursorChanged(CursorState c) {
        lock.lock();
        try {
            cursor = c.image();
            cursorDue = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- client messages (reader thread) ----

    @Override
    public void setPixelFormat(PixelFormat format) throws ProtocolException {
        String problem = format.problem();
        if (problem != null) {
            throw new ProtocolException("unsupported pixel format: " + problem);
        }
        lock.lock();
        try {
            translator = new PixelTranslator(format);
            colourMapDue = !format.trueColour();
            // Pixels already sent are in the old format: the client needs all of them again.
            if (framebuffer != null) {
                damage.add(framebuffer.bounds());
            }
            cursorDue = encodings.cursor();
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setEncodings(int[] list) {
        lock.lock();
        try {
            boolean hadCursor = encodings.cursor();
            encodings.set(list);
            wantsCopies = encodings.copyRect();
            LOG.fine("client " + peer + " " + encodings.describe());
            if (encodings.cursor() && !hadCursor) {
                cursorDue = true;
            }
            if (reader != null) {
                reader.setExtendedMouseButtons(encodings.extendedMouseButtons());
            }
            extensions.announce(encodings, framebuffer != null, clientWidth, clientHeight, input.ledState(),
                    control, pseudo);
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void ledsChanged(int leds) {
        lock.lock();
        try {
            extensions.ledState(encodings, leds, pseudo);
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void framebufferUpdateRequest(boolean incremental, Rect area) {
        boolean wake;
        lock.lock();
        try {
            Rect clipped = area.intersect(new Rect(0, 0, clientWidth, clientHeight));
            if (!incremental && !clipped.isEmpty()) {
                damage.add(clipped);
            }
            requested = requested == null ? clipped : requested.union(clipped);
            wake = damage.isEmpty();
            // Only when the sender has something to send: a viewer that asks again right after an
            // update usually finds no damage yet, and the refresh tick that finds some wakes the
            // sender anyway (a wake-up and a sleep per update saved, per viewer).
            if (due()) {
                work.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (wake) {
            display.wake();
        }
    }

    @Override
    public void keyEvent(boolean down, int keysym) {
        if (!config.viewOnly()) {
            input.key(down, keysym, 0);
            display.wakeForInput();
        }
    }

    @Override
    public void pointerEvent(int buttons, int x, int y) {
        if (!config.viewOnly()) {
            Framebuffer fb = framebuffer;
            if (fb != null) {
                input.pointer(Math.min(x, fb.width() - 1), Math.min(y, fb.height() - 1), buttons,
                        fb.width(), fb.height());
                display.wakeForInput();
            }
        }
    }

    @Override
    public void clientCutText(byte[] text) {
        // Clipboard is not forwarded to the guest (no channel for it); dropped by design.
    }

    @Override
    public void enableContinuousUpdates(boolean enable, Rect area) throws ProtocolException {
        lock.lock();
        try {
            if (!encodings.continuousUpdates()) {
                throw new ProtocolException("EnableContinuousUpdates without the ContinuousUpdates extension");
            }
            if (enable) {
                continuousArea = area.intersect(new Rect(0, 0, clientWidth, clientHeight));
                if (!continuousUpdates) {
                    LOG.fine("client " + peer + " continuous updates enabled for " + continuousArea);
                }
                continuousUpdates = true;
            } else {
                if (continuousUpdates) {
                    LOG.fine("client " + peer + " continuous updates disabled");
                }
                continuousUpdates = false;
                continuousArea = null;
                control.add(new byte[] {(byte) ServerMessageWriter.END_OF_CONTINUOUS_UPDATES});
            }
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void clientFence(int flags, byte[] payload) throws ProtocolException {
        lock.lock();
        try {
            if (!encodings.fence()) {
                throw new ProtocolException("ClientFence without the Fence extension");
            }
            ExtensionReplies.FenceAnswer answer = ExtensionReplies.answerFence(flags, payload);
            if (answer == null) {
                LOG.fine("client " + peer + " fence reply, flags " + Integer.toHexString(flags));
                return;
            }
            if (answer.syncNext() && updateArea() != null) {
                // SyncNext: answer right after the next update, which is then the "next" message.
                syncFence = answer.message();
            } else {
                // Messages are handled in order and the reply is queued behind all output before
                // it, which is what BlockBefore and BlockAfter ask for.
                control.add(answer.message());
            }
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setDesktopSize(int width, int height, List<Screen> screens) throws ProtocolException {
        lock.lock();
        try {
            if (!encodings.extendedDesktopSize()) {
                throw new ProtocolException("SetDesktopSize without the ExtendedDesktopSize extension");
            }
            // The size is the guest's: a viewer cannot change it unless the source itself can resize.
            int status;
            if (width == clientWidth && height == clientHeight) {
                status = 0;
            } else if (!display.canResize()) {
                status = 1;
            } else {
                status = 2;
            }
            LOG.fine("client " + peer + " asked for " + width + "x" + height + ": status " + status);
            pseudo.add(PseudoRect.extendedDesktopSize(1, status, clientWidth, clientHeight));
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void qemuExtendedKeyEvent(boolean down, int keysym, int scancode) throws ProtocolException {
        lock.lock();
        try {
            if (!encodings.qemuExtendedKey()) {
                throw new ProtocolException("QEMU ExtendedKeyEvent without the extension");
            }
        } finally {
            lock.unlock();
        }
        if (!config.viewOnly()) {
            input.key(down, keysym, scancode);
            display.wakeForInput();
        }
    }

    // ---- sender thread ----

    private void sendLoop() {
        OutBuffer buf = new OutBuffer(256 * 1024);
        try {
            while (buf != null) {
                // One call per update: a loop that stays inside one invocation runs interpreted.
                buf = sendNext(buf);
            }
        } catch (InterruptedException e) {
            close("interrupted");
        } catch (ProtocolException e) {
            close(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "encoding for " + peer + " failed", e);
            close("internal error while encoding: " + e);
        } finally {
            lock.lock();
            try {
                encodings.close();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits until an update or a control message is due and sends it; returns the buffer to use
     * next (a new one after a very large update), null once the session is closed.
     */
    private OutBuffer sendNext(OutBuffer buf) throws InterruptedException, ProtocolException {
        PendingUpdate update;
        PixelTranslator pixels;
        int[][] colourMap = null;
        List<byte[]> messages;
        byte[] fenceAfter;
        lock.lock();
        try {
            while (!closed && !due()) {
                long wait = Math.min(lossy.nanosUntilDue(System.nanoTime()), 1_000_000_000L);
                work.awaitNanos(Math.max(1_000_000L, wait));
            }
            if (closed) {
                return null;
            }
            pixels = translator;
            if (colourMapDue) {
                colourMap = pixels.colourMap();
                colourMapDue = false;
            }
            messages = new ArrayList<>(control);
            control.clear();
            update = takeUpdate();
            fenceAfter = update != null ? syncFence : null;
            if (fenceAfter != null) {
                syncFence = null;
            }
        } finally {
            lock.unlock();
        }
        buf.reset();
        for (byte[] m : messages) {
            buf.bytes(m);
        }
        if (colourMap != null) {
            ServerMessageWriter.setColourMapEntries(buf, 0, colourMap);
        }
        if (update != null) {
            List<Rect> sentLossy = updateEncoding.write(update, pixels, takenAtPublication, buf);
            if (!sentLossy.isEmpty()) {
                lock.lock();
                try {
                    lossy.sentLossy(sentLossy, System.nanoTime());
                } finally {
                    lock.unlock();
                }
            }
        }
        if (fenceAfter != null) {
            buf.bytes(fenceAfter);
        }
        try {
            // Blocks while the viewer is behind; the damage merges meanwhile (see WatchedOutput).
            output.write(buf.array(), 0, buf.size());
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
            return null;
        }
        return buf.capacity() > 8 << 20 ? new OutBuffer(256 * 1024) : buf;
    }

    /**
     * Called by the server's watchdog a few times a second: logs a viewer whose write has not
     * moved for a while (it gets no updates until it reads, its damage merges) and disconnects one
     * whose write has not moved for the stall time.
     */
    void watchOutput(long now) {
        WatchedOutput o = output;
        long ms = o == null ? 0 : o.stalledMs(now);
        if (ms < BEHIND_LOG_MS) {
            behindLogged = false;
            return;
        }
        if (!behindLogged) {
            behindLogged = true;
            LOG.fine("client " + peer + " is behind (a write of " + o.length() + " bytes has not moved for " + ms
                    + " ms): holding updates, merging damage");
        }
        if (ms > config.limits().clientStallMs() && !stallClosing) {
            stallClosing = true;
            closeAside("not reading: a write of " + o.length() + " bytes has not moved for " + ms / 1000 + " s");
        }
    }

    /** Called by the server's watchdog with {@link #watchOutput}: closes a viewer silent for the idle timeout. */
    void watchInput(long now) {
        ReceiveClock r = received;
        int limit = config.limits().idleTimeoutMs();
        if (r == null || limit == 0 || idleClosing || r.silentMs(now) < limit) {
            return;
        }
        idleClosing = true;
        closeAside("idle timeout: nothing received for " + limit + " ms");
    }

    /** Closes on a thread of its own, so the watchdog never waits: a transport's close may wait for the very write that is stuck. */
    private void closeAside(String reason) {
        Thread t = new Thread(() -> close(reason), "rfb-close-" + peer);
        t.setDaemon(true);
        t.start();
    }

    /** The area the viewer wants updates for now: its pending request and the continuous area. Caller holds the lock. */
    private Rect updateArea() {
        Rect area = requested;
        if (continuousUpdates && continuousArea != null && !continuousArea.isEmpty()) {
            area = area == null ? continuousArea : area.union(continuousArea);
        }
        return area;
    }

    /** Whether the sender has something to send now. Caller holds the lock. */
    private boolean due() {
        if (colourMapDue || !control.isEmpty()) {
            return true;
        }
        if (syncFence != null && updateArea() == null) {
            control.add(syncFence);
            syncFence = null;
            return true;
        }
        Rect area = updateArea();
        if (area == null || framebuffer == null) {
            return false;
        }
        if (sizeChanged() || (cursorDue && encodings.cursor()) || !pseudo.isEmpty()) {
            return true;
        }
        for (Rect r : damage.rects()) {
            if (r.intersects(area)) {
                return true;
            }
        }
        return lossy.dueIn(area, System.nanoTime());
    }

    private boolean sizeChanged() {
        return framebuffer.width() != clientWidth || framebuffer.height() != clientHeight;
    }

    /** Takes the due part of the state for one update, or null when nothing is due. Caller holds the lock. */
    private PendingUpdate takeUpdate() throws ProtocolException {
        // Read under the lock with the damage: what may share this update's encoding (SharedUpdates).
        takenAtPublication = display.publications();
        Rect area = updateArea();
        if (area == null || framebuffer == null) {
            return null;
        }
        boolean resize = sizeChanged();
        if (resize) {
            if (!encodings.desktopSize() && !encodings.extendedDesktopSize()) {
                throw new ProtocolException("the screen changed size to " + framebuffer.width() + "x" + framebuffer.height()
                        + " and this viewer cannot follow (no DesktopSize support)");
            }
            clientWidth = framebuffer.width();
            clientHeight = framebuffer.height();
            area = framebuffer.bounds();
            if (continuousArea != null) {
                continuousArea = area;
            }
            damage.clear();
            damage.add(area);
            pendingMoves = List.of();
            lossy.clear();
        }
        List<Move> moves = List.of();
        if (!pendingMoves.isEmpty()) {
            boolean inside = encodings.copyRect();
            for (Move m : pendingMoves) {
                inside &= area.contains(m.source()) && area.contains(m.destination());
            }
            if (inside) {
                moves = pendingMoves;
            } else {
                for (Move m : pendingMoves) {
                    damage.add(m.destination());
                }
            }
            pendingMoves = List.of();
        }
        Region due = damage.copy();
        due.intersect(area);
        List<Rect> rects = new ArrayList<>(due.rects());
        damage.subtract(area);
        List<Rect> refresh = lossy.dueIn(area, System.nanoTime()) ? lossy.take(area) : List.of();
        CursorImage c = null;
        if (cursorDue && encodings.cursor()) {
            c = cursor;
        }
        cursorDue = false;
        List<PseudoRect> extra = new ArrayList<>(pseudo);
        pseudo.clear();
        if (!resize && moves.isEmpty() && rects.isEmpty() && refresh.isEmpty() && c == null && extra.isEmpty()) {
            return null; // nothing after all: the request stays pending
        }
        requested = null;
        return new PendingUpdate(framebuffer, resize, c, encodings.cursorWithAlpha(), extra, moves, rects, refresh,
                encodings.pixelEncoder(), encodings.extendedDesktopSize(), encodings.lastRect());
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the session with a reason for the log; safe to call from any thread, more than once. */
    public void close(String reason) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeReason = reason;
            work.signalAll();
        } finally {
            lock.unlock();
        }
        LOG.info("client " + peer + " disconnected: " + reason);
        input.removeLedListener(ledListener);
        display.detach(this);
        admission.remove(this);
        connection.close();
        if (sender == null) {
            lock.lock();
            try {
                encodings.close();
            } finally {
                lock.unlock();
            }
        }
    }

    String closeReason() {
        return closeReason;
    }
}
