package org.vfiovnc.rfb;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.vfiovnc.encoding.OutBuffer;
import org.vfiovnc.input.PowerControl;
import org.vfiovnc.input.PowerControl.Action;

/**
 * One viewer's side of XVP: XVP_INIT once it lists XVP, where the VM has power actions and this
 * viewer is allowed them; its requests carried out by the {@link PowerControl}, and XVP_FAIL when
 * one fails, is not supported here, or is not allowed (a viewer that got no XVP_INIT has no business
 * asking: refused, logged once). One action at a time per viewer and at most one a second: a
 * request while one is under way or just after fails at once, so a viewer cannot queue up resets
 * or flood the log.
 */
final class ViewerPower {
    private static final Logger LOG = ClientSession.LOG;
    private static final long MIN_INTERVAL_NS = 1_000_000_000L;

    private final String peer;
    private final PowerControl power;
    private final Predicate<byte[]> send;
    private final AtomicBoolean busy = new AtomicBoolean();
    // Set once after the handshake, before the reader starts: read on the reader thread only.
    private String requester;
    private boolean allowed;
    private boolean announced;
    private boolean refusalLogged;
    private long lastActionNs = System.nanoTime() - MIN_INTERVAL_NS;

    /** @param send queues a message for the viewer; false when too much is queued already */
    ViewerPower(String peer, PowerControl power, Predicate<byte[]> send) {
        this.peer = peer;
        this.power = power;
        this.send = send;
        this.requester = peer;
    }

    /** Who the handshake proved the viewer to be, and whether the operator lets it use power actions. */
    void admitted(String user, boolean authenticated, boolean allowed) {
        this.requester = (user != null ? user : authenticated ? "(password)" : "(anonymous)") + "@" + peer;
        this.allowed = allowed;
    }

    private boolean available() {
        return power.supports(Action.SHUTDOWN) || power.supports(Action.REBOOT) || power.supports(Action.RESET);
    }

    /** The viewer's SetEncodings: XVP_INIT the first time it lists XVP, when it may use it. */
    void encodings(boolean xvp) {
        if (xvp && !announced && allowed && available()) {
            announced = true;
            send.test(message(ServerMessageWriter.XVP_INIT));
        }
    }

    /** An XVP request (code already checked by the reader). */
    void request(int code) {
        Action a = switch (code) {
            case ClientMessageReader.XVP_SHUTDOWN -> Action.SHUTDOWN;
            case ClientMessageReader.XVP_REBOOT -> Action.REBOOT;
            default -> Action.RESET;
        };
        if (!announced) {
            if (!refusalLogged) {
                refusalLogged = true;
                LOG.info("power: " + a.name().toLowerCase(Locale.ROOT) + " requested by " + requester
                        + " refused: " + (allowed ? "no power control here" : "not allowed for this viewer"));
            }
            fail();
            return;
        }
        if (!power.supports(a)) {
            LOG.info("power: " + a.name().toLowerCase(Locale.ROOT) + " requested by " + requester
                    + " refused: not supported here" + (a == Action.REBOOT ? " (reboot needs --guest-agent)" : ""));
            fail();
            return;
        }
        long now = System.nanoTime();
        if (now - lastActionNs < MIN_INTERVAL_NS || !busy.compareAndSet(false, true)) {
            LOG.fine("client " + peer + " asked for another power action while one is under way or just after");
            fail();
            return;
        }
        lastActionNs = now;
        power.perform(a, requester).whenComplete((v, failure) -> {
            busy.set(false);
            if (failure != null) {
                fail();
            }
        });
    }

    private void fail() {
        send.test(message(ServerMessageWriter.XVP_FAIL));
    }

    private static byte[] message(int code) {
        OutBuffer b = new OutBuffer(4);
        ServerMessageWriter.xvp(b, code);
        return b.toByteArray();
    }
}
