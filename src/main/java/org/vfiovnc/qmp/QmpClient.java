package org.vfiovnc.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's link to one QEMU monitor, shared by everyone who talks QMP (input, power, event
 * watchers): one thread connects, negotiates, reads answers and events, and reconnects with
 * backoff (250 ms doubling to 5 s) when QEMU goes away or is not there yet. Commands made while
 * disconnected fail at once rather than wait for a QEMU that may not come back.
 *
 * <p>Each holder closes its own share ({@link #share}); the connection ends with the last one.
 */
public final class QmpClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(QmpClient.class.getName());
    private static final long FIRST_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 5000;

    private final QmpAddress address;
    private final Thread thread;
    private final List<QmpListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger holders = new AtomicInteger(1);
    private volatile QmpConnection connection;
    private volatile boolean running = true;

    /** Starts connecting to {@code address}; the caller holds the first share. */
    public QmpClient(QmpAddress address) {
        this.address = address;
        this.thread = new Thread(this::run, "qmp " + address);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** One more holder: the returned client (this one) must be closed once more. */
    public QmpClient share() {
        if (holders.getAndUpdate(n -> n > 0 ? n + 1 : n) <= 0) {
            throw new IllegalStateException("QMP client for " + address + " is closed");
        }
        return this;
    }

    public QmpAddress address() {
        return address;
    }

    /** Whether QEMU's monitor is connected and past negotiation. */
    public boolean isConnected() {
        return connection != null;
    }

    /**
     * Runs {@code command} with {@code arguments} (null for none). The future completes with QEMU's
     * {@code return} value, or with a {@link QmpException}: refused, not connected, or connection lost.
     */
    public CompletableFuture<JsonNode> execute(String command, JsonNode arguments) {
        QmpConnection c = connection;
        if (c == null) {
            return CompletableFuture.failedFuture(QmpException.unanswered(command, "QMP " + address + " is not connected"));
        }
        return c.execute(command, arguments);
    }

    public CompletableFuture<JsonNode> execute(String command) {
        return execute(command, null);
    }

    /** {@code l} hears connections, disconnections and events from now on. */
    public void addListener(QmpListener l) {
        listeners.add(l);
    }

    public void removeListener(QmpListener l) {
        listeners.remove(l);
    }

    private void run() {
        long backoffMs = FIRST_BACKOFF_MS;
        String lastError = null;
        while (running) {
            QmpConnection c = null;
            try {
                c = QmpConnection.open(address);
                connection = c;
                if (!running) {
                    break;
                }
                LOG.info("QMP connected to " + address);
                backoffMs = FIRST_BACKOFF_MS;
                lastError = null;
                tell(QmpListener::connected);
                c.readLoop(e -> tell(l -> l.event(e)));
            } catch (IOException e) {
                String msg = e.getMessage() != null ? e.getMessage() : e.toString();
                if (running && !msg.equals(lastError)) {
                    LOG.warning("QMP " + address + ": " + msg + "; reconnecting with backoff");
                    lastError = msg;
                }
            } finally {
                if (c != null) {
                    c.close();
                    connection = null;
                    tell(QmpListener::disconnected);
                }
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                break;
            }
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        }
    }

    private void tell(Consumer<QmpListener> call) {
        for (QmpListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "QMP listener failed", e);
            }
        }
    }

    /** Gives up this holder's share; the last one ends the connection and its thread. */
    @Override
    public void close() {
        if (holders.updateAndGet(n -> Math.max(0, n - 1)) > 0 || !running) {
            return;
        }
        running = false;
        thread.interrupt();
        QmpConnection c = connection;
        if (c != null) {
            c.close();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
