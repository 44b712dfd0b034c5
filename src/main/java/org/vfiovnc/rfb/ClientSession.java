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
import org.vfiovnc.damage.DisplayListener;
import org.vfiovnc.damage.Region;
import org.vfiovnc.rfb.encoding.OutBuffer;
import org.vfiovnc.rfb.security.AuthenticationException;
import org.vfiovnc.source.DisplaySource.CursorState;
import org.vfiovnc.surface.CursorImage;
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

    private final RfbServer server;
    private final RfbConfig config;
    private volatile Connection connection;
    private final String peer;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    // State below is guarded by lock.
    private final ClientEncodings encodings = new ClientEncodings();
    private final Region damage = new Region();
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

    private ClientMessageReader reader;
    private Thread sender;
    private volatile boolean shared = true;

    ClientSession(RfbServer server, Connection connection) {
        this.server = server;
        this.config = server.config();
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
            connection.setReadTimeout(config.handshakeTimeoutMs());
            RfbHandshake.Result hs = new RfbHandshake(config.security()).run(connection);
            connection = hs.connection();
            shared = hs.shared();
            server.admit(this, hs.shared());
            LOG.info("client " + peer + " connected (RFB 3." + hs.minorVersion() + ", " + hs.security().name()
                    + (hs.shared() ? ", shared" : ", exclusive") + ")");
            Framebuffer fb = server.loop().attach(this);
            lock.lock();
            try {
                framebuffer = fb;
                clientWidth = fb.width();
                clientHeight = fb.height();
                server.loop().cursor().ifPresent(c -> cursor = c.image());
            } finally {
                lock.unlock();
            }
            sendServerInit(fb);
            connection.setReadTimeout(0);
            reader = new ClientMessageReader(new DataInputStream(new BufferedInputStream(connection.input(), 16 * 1024)),
                    this, config.maxCutText());
            sender = new Thread(this::sendLoop, "rfb-send-" + peer);
            sender.setDaemon(true);
            sender.start();
            while (!isClosed()) {
                reader.readMessage();
            }
        } catch (AuthenticationException e) {
            server.authenticationFailed(connection.remoteAddress());
            close("authentication failed");
        } catch (EOFException e) {
            close("client closed the connection");
        } catch (SocketTimeoutException e) {
            close("handshake timed out");
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
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void damaged(Region region) {
        lock.lock();
        try {
            damage.add(region);
            if (requested != null) {
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
            if (encodings.cursor() && !hadCursor) {
                cursorDue = true;
            }
            if (reader != null) {
                reader.setExtendedMouseButtons(encodings.extendedMouseButtons());
            }
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
            work.signalAll();
        } finally {
            lock.unlock();
        }
        if (wake) {
            server.loop().wake();
        }
    }

    @Override
    public void keyEvent(boolean down, int keysym) {
        if (!config.viewOnly()) {
            server.input().key(down, keysym, 0);
            server.loop().wake();
        }
    }

    @Override
    public void pointerEvent(int buttons, int x, int y) {
        if (!config.viewOnly()) {
            Framebuffer fb = framebuffer;
            if (fb != null) {
                server.input().pointer(Math.min(x, fb.width() - 1), Math.min(y, fb.height() - 1), buttons,
                        fb.width(), fb.height());
                server.loop().wake();
            }
        }
    }

    @Override
    public void clientCutText(byte[] text) {
        // Clipboard is not forwarded to the guest (no channel for it); dropped by design.
    }

    @Override
    public void enableContinuousUpdates(boolean enable, Rect area) throws ProtocolException {
        throw new ProtocolException("EnableContinuousUpdates without the ContinuousUpdates extension");
    }

    @Override
    public void clientFence(int flags, byte[] payload) throws ProtocolException {
        throw new ProtocolException("ClientFence without the Fence extension");
    }

    @Override
    public void setDesktopSize(int width, int height, List<Screen> screens) throws ProtocolException {
        throw new ProtocolException("SetDesktopSize without the ExtendedDesktopSize extension");
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
            server.input().key(down, keysym, scancode);
        }
    }

    // ---- sender thread ----

    private void sendLoop() {
        OutBuffer buf = new OutBuffer(256 * 1024);
        try {
            while (true) {
                PendingUpdate update;
                PixelTranslator pixels;
                int[][] colourMap = null;
                lock.lock();
                try {
                    while (!closed && !due()) {
                        work.await();
                    }
                    if (closed) {
                        return;
                    }
                    pixels = translator;
                    if (colourMapDue) {
                        colourMap = pixels.colourMap();
                        colourMapDue = false;
                    }
                    update = takeUpdate();
                } finally {
                    lock.unlock();
                }
                buf.reset();
                if (colourMap != null) {
                    ServerMessageWriter.setColourMapEntries(buf, 0, colourMap);
                }
                if (update != null) {
                    UpdateWriter.write(update, pixels, buf, server.stats());
                }
                OutputStream out = connection.output();
                buf.writeTo(out);
                out.flush();
                if (buf.capacity() > 8 << 20) {
                    buf = new OutBuffer(256 * 1024);
                }
            }
        } catch (InterruptedException e) {
            close("interrupted");
        } catch (ProtocolException e) {
            close(e.getMessage());
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
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

    /** Whether the sender has something to send now. Caller holds the lock. */
    private boolean due() {
        if (colourMapDue) {
            return true;
        }
        if (requested == null || framebuffer == null) {
            return false;
        }
        if (sizeChanged() || (cursorDue && encodings.cursor())) {
            return true;
        }
        for (Rect r : damage.rects()) {
            if (r.intersects(requested)) {
                return true;
            }
        }
        return false;
    }

    private boolean sizeChanged() {
        return framebuffer.width() != clientWidth || framebuffer.height() != clientHeight;
    }

    /** Takes the due part of the state for one update, or null when only a colour map is due. Caller holds the lock. */
    private PendingUpdate takeUpdate() throws ProtocolException {
        if (requested == null || framebuffer == null) {
            return null;
        }
        boolean resize = sizeChanged();
        Rect area = requested;
        if (resize) {
            if (!encodings.desktopSize() && !encodings.extendedDesktopSize()) {
                throw new ProtocolException("the screen changed size to " + framebuffer.width() + "x" + framebuffer.height()
                        + " and this viewer cannot follow (no DesktopSize support)");
            }
            clientWidth = framebuffer.width();
            clientHeight = framebuffer.height();
            area = framebuffer.bounds();
            damage.clear();
            damage.add(area);
        }
        List<Rect> rects = new ArrayList<>();
        Region due = damage.copy();
        due.intersect(area);
        rects.addAll(due.rects());
        damage.subtract(area);
        CursorImage c = null;
        if (cursorDue && encodings.cursor()) {
            c = cursor;
        }
        cursorDue = false;
        requested = null;
        return new PendingUpdate(framebuffer, resize, c, rects, encodings.pixelEncoder(), encodings.extendedDesktopSize());
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
        server.loop().detach(this);
        server.remove(this);
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
