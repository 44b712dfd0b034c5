package org.vfiovnc.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.vfiovnc.qmp.QmpAddress;
import org.vfiovnc.qmp.QmpClient;
import org.vfiovnc.qmp.QmpEvent;
import org.vfiovnc.qmp.QmpListener;

/**
 * Watches a QEMU's events on a monitor of the test's own (QEMU serves several {@code -qmp} sockets
 * at once): what the VM did, whoever asked it on another monitor. {@link #option} gives the socket.
 */
public final class QmpEvents implements AutoCloseable {
    private final QmpClient client;
    private final BlockingQueue<String> names = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private QmpEvents(Path socket) {
        client = new QmpClient(QmpAddress.parse("unix:" + socket));
        client.addListener(new QmpListener() {
            @Override
            public void event(QmpEvent e) {
                names.add(e.name());
            }
        });
    }

    /** The QEMU options for a second monitor at {@code socket}. */
    public static String[] option(Path socket) {
        return new String[] {"-qmp", "unix:" + socket + ",server=on,wait=off"};
    }

    /** Watches the monitor at {@code socket} (of a started QEMU), returning once connected. */
    public static QmpEvents watch(Path socket) throws InterruptedException {
        QmpEvents w = new QmpEvents(socket);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!w.client.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!w.client.isConnected()) {
            w.close();
            throw new AssertionError("cannot watch QMP events on " + socket);
        }
        return w;
    }

    /** Waits for the next event called {@code name}, failing after {@code seconds} with what came instead. */
    public void await(String name, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String e = names.poll(50, TimeUnit.MILLISECONDS);
            if (e != null) {
                seen.add(e);
                if (e.equals(name)) {
                    return;
                }
            }
        }
        throw new AssertionError("QEMU reported no " + name + " within " + seconds + " s; events: " + seen);
    }

    /** Events that came since the last {@link #await} and are not taken yet. */
    public List<String> pending() {
        List<String> rest = new ArrayList<>();
        names.drainTo(rest);
        seen.addAll(rest);
        return rest;
    }

    /** Every event so far, in order (those {@link #await} passed over included). */
    public List<String> seen() {
        pending();
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        client.close();
    }
}
