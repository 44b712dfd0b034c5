package org.vfiovnc.source.qemudbus;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.freedesktop.dbus.types.UInt32;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.input.QmpKeymap;

/**
 * Sends viewer input to the console's {@code org.qemu.Display1.Keyboard} and {@code Mouse}. D-Bus
 * calls wait for QEMU's reply, so they run on one thread of their own behind a bounded queue: a
 * viewer's reader thread never waits, and input is dropped while QEMU is away or slow.
 */
final class QemuDbusInputSink implements InputSink {
    private static final Logger LOG = Logger.getLogger(QemuDbusInputSink.class.getName());
    /** RFB button mask bits 0..8 → QEMU D-Bus button numbers (-1: none). */
    private static final int[] BUTTONS = {0, 1, 2, 3, 4, -1, -1, 5, 6};

    private final Supplier<ConsoleInput> console;
    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(512);
    private final Thread worker;
    private volatile boolean closed;
    private int lastMask;
    private int lastX = -1;
    private int lastY = -1;
    private boolean relativeLogged;
    private long dropped;

    QemuDbusInputSink(Supplier<ConsoleInput> console) {
        this.console = console;
        this.worker = new Thread(this::run, "qemu-dbus-input");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void key(boolean down, int keysym, int scancode) {
        int qnum = QmpKeymap.qnum(keysym, scancode);
        if (qnum == 0) {
            LOG.fine("no key number for keysym 0x" + Integer.toHexString(keysym));
            return;
        }
        UInt32 code = new UInt32(qnum);
        offer(c -> {
            if (down) {
                c.keyboard().press(code);
            } else {
                c.keyboard().release(code);
            }
        });
    }

    @Override
    public synchronized void pointer(int x, int y, int buttonMask, int width, int height) {
        int px = Math.max(0, x);
        int py = Math.max(0, y);
        if (px != lastX || py != lastY) {
            int dx = lastX < 0 ? 0 : px - lastX;
            int dy = lastY < 0 ? 0 : py - lastY;
            offer(c -> move(c, px, py, dx, dy));
            lastX = px;
            lastY = py;
        }
        int changed = buttonMask ^ lastMask;
        for (int bit = 0; bit < BUTTONS.length; bit++) {
            if ((changed & (1 << bit)) == 0 || BUTTONS[bit] < 0) {
                continue;
            }
            UInt32 button = new UInt32(BUTTONS[bit]);
            boolean down = (buttonMask & (1 << bit)) != 0;
            offer(c -> {
                if (down) {
                    c.mouse().press(button);
                } else {
                    c.mouse().release(button);
                }
            });
        }
        lastMask = buttonMask;
    }

    /** Absolute when the guest has an absolute pointer (tablet); QEMU refuses it otherwise, then relative. */
    private void move(ConsoleInput c, int x, int y, int dx, int dy) {
        try {
            c.mouse().setAbsPosition(new UInt32(x), new UInt32(y));
        } catch (RuntimeException e) {
            if (!relativeLogged) {
                LOG.info("QEMU refused an absolute pointer position (" + e.getMessage() + "); sending relative motion");
                relativeLogged = true;
            }
            if (dx != 0 || dy != 0) {
                c.mouse().relMotion(dx, dy);
            }
        }
    }

    private interface Call {
        void send(ConsoleInput c);
    }

    private void offer(Call call) {
        if (closed) {
            return;
        }
        if (!queue.offer(() -> {
            ConsoleInput c = console.get();
            if (c != null) {
                call.send(c);
            }
        })) {
            if (dropped++ % 100 == 0) {
                LOG.warning("QEMU is not taking input fast enough; input dropped (" + dropped + " so far)");
            }
        }
    }

    private void run() {
        while (!closed) {
            Runnable r;
            try {
                r = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                // QEMU away or refusing: input while the VM is gone is lost, like keystrokes to a powered-off PC.
                LOG.fine("input not delivered: " + e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
    }
}
